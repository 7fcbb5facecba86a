package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.mesos.backend.WaitingLine.Waiting;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The line of waiting tasks: order, and per-category counts kept by every way out of it. */
class WaitingLineTest {
  private static final Size SIZE = new Size(1, 64, 64);

  private static Waiting waiting(long id, String category) {
    TaskSpec spec =
        new TaskSpec(
            new TaskId(id),
            (int) id,
            "true",
            Path.of("."),
            List.of(),
            List.of(FileRef.of("out" + id)),
            Map.of(),
            Resources.NONE,
            category,
            null);
    return new Waiting(spec, SIZE, 0, 0);
  }

  @Test
  void orderAndCounts_followAddsAndEveryRemoval() {
    WaitingLine line = new WaitingLine();
    line.add(waiting(1, "a"), false);
    line.add(waiting(2, "b"), false);
    line.add(waiting(3, "a"), false);
    line.add(waiting(4, "a"), true); // a task run again goes first
    assertEquals(
        List.of(4L, 1L, 2L, 3L),
        java.util.stream.StreamSupport.stream(line.spliterator(), false)
            .map(w -> w.spec().id().value())
            .toList());
    assertEquals(3, line.inCategory("a"));
    assertEquals(1, line.inCategory("b"));

    Iterator<Waiting> it = line.iterator();
    it.next();
    it.remove(); // task 4
    assertEquals(2, line.inCategory("a"));

    assertEquals(2L, line.remove(new TaskId(2)).spec().id().value());
    assertNull(line.remove(new TaskId(2)), "not waiting any more");
    assertEquals(0, line.inCategory("b"));
    assertEquals(2, line.size());

    assertEquals(2, line.drain().size());
    assertTrue(line.isEmpty());
    assertEquals(0, line.inCategory("a"));
  }
}
