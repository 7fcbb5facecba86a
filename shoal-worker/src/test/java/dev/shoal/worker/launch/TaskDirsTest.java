package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The executor's task directories: spread over {@link TaskDirs#SPREAD}, reused oldest first. */
class TaskDirsTest {
  private final Path root = Path.of("/sandbox/tasks");

  @Test
  void oneTaskAtATime_rotatesThroughSpreadDirectories_namedWithTheTag() {
    TaskDirs dirs = new TaskDirs(root, "ab12");
    List<Path> seen = new ArrayList<>();
    for (int i = 0; i < 2 * TaskDirs.SPREAD; i++) {
      Path d = dirs.take();
      seen.add(d);
      dirs.give(d);
    }
    Set<Path> distinct = new HashSet<>(seen);
    assertEquals(TaskDirs.SPREAD, distinct.size(), "a sequential run still spreads its tasks");
    for (Path d : distinct) {
      assertEquals(root, d.getParent());
      assertTrue(d.getFileName().toString().endsWith("-ab12"), d.toString());
    }
    assertEquals(
        seen.subList(0, TaskDirs.SPREAD),
        seen.subList(TaskDirs.SPREAD, 2 * TaskDirs.SPREAD),
        "the least recently used directory comes back first");
  }

  @Test
  void runningTasks_neverShareADirectory_evenPastTheSpread() {
    TaskDirs dirs = new TaskDirs(root, "t");
    Set<Path> running = new HashSet<>();
    for (int i = 0; i < TaskDirs.SPREAD + 5; i++) {
      assertTrue(running.add(dirs.take()), "a directory in use was handed out again");
    }
    Path given = running.iterator().next();
    dirs.give(given);
    assertEquals(given, dirs.take(), "the only free one");
    assertNotEquals(given, dirs.take(), "none free: a new one");
  }
}
