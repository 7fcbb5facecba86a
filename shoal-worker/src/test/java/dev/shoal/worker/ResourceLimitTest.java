package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WorkerMessage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that uses more memory than its allocation is killed and reported as RESOURCE_EXHAUSTION.
 */
class ResourceLimitTest {
  @Test
  void task_overMemoryAllocation_killedWithStatus16(@TempDir Path dir) throws Exception {
    try (FakeManager m = new FakeManager();
        WorkerProcess w =
            WorkerProcess.start(
                dir,
                "--cores=2",
                "--memory=2000",
                "--disk=2000",
                "-t",
                "60",
                "127.0.0.1",
                Integer.toString(m.port()))) {
      m.accept();
      // tail holds its one endless line in memory: 300 MB for as long as the input stays open.
      String hog = "(head -c 300000000 /dev/zero; sleep 30) | tail > /dev/null; echo survived";
      m.send(
          new ManagerMessage.Task(
              Protocol11SessionTest.task(7, hog, 1.0, 40.0, List.of(), List.of())));
      m.send(
          new ManagerMessage.Task(
              Protocol11SessionTest.task(8, "echo small", 1.0, 40.0, List.of(), List.of())));
      m.next(WorkerMessage.AvailableResults.class);
      List<WorkerMessage.Result> rs = m.results();
      while (rs.size() < 2) {
        m.next(WorkerMessage.AvailableResults.class);
        rs = new java.util.ArrayList<>(rs);
        rs.addAll(m.results());
      }
      WorkerMessage.Result hogResult =
          rs.stream().filter(r -> r.id().value() == 7).findFirst().orElseThrow();
      WorkerMessage.Result small =
          rs.stream().filter(r -> r.id().value() == 8).findFirst().orElseThrow();
      assertEquals(
          TaskStatus.RESOURCE_EXHAUSTION,
          hogResult.status(),
          hogResult.stdout().asUtf8() + w.log());
      assertTrue(
          hogResult.stdout().asUtf8().contains("exceeded its allocation: memory"),
          hogResult.stdout().asUtf8());
      assertTrue(hogResult.execMicros() < 20_000_000L, "killed long before the task would end");
      assertEquals(
          TaskStatus.SUCCESS, small.status(), "a task within its allocation is left alone");
      assertEquals("small\n", small.stdout().asUtf8());
    }
  }
}
