package dev.shoal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.AllocationMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: a completion's dependants wait for the log to reach the device; others do not. */
class GroupCommitTest {
  @TempDir Path dir;
  FakeBackend backend;

  /** A journal whose force blocks until the test lets it through. */
  static final class SlowDevice extends RecordingJournal {
    final CountDownLatch forceEntered = new CountDownLatch(1);
    final CountDownLatch deviceDone = new CountDownLatch(1);

    @Override
    public void writeThrough() {}

    @Override
    public void forceWritten() {
      forceEntered.countDown();
      try {
        deviceDone.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void dependant_waitsForTheDevice_independentRuleDoesNot() throws Exception {
    Files.writeString(dir.resolve("in"), "x");
    // a then b (depends on a); c and d independent. One slot: a runs, then c may start at once,
    // b only once a's completion is on the device.
    var w =
        new Flows()
            .rule("a", "in", "make a")
            .rule("c", "", "make c")
            .rule("b", "a", "make b")
            .rule("d", "", "make d")
            .build();
    SlowDevice journal = new SlowDevice();
    EngineOptions o =
        new EngineOptions(
            1,
            1,
            RetryPolicy.DEFAULT,
            false,
            Duration.ZERO,
            GcPolicy.NONE,
            true,
            new LocalLimits(1, 1 << 20, 1 << 20),
            false,
            AllocationMode.FIXED);
    AtomicLong clock = new AtomicLong();
    Engine e =
        new Engine(
            Dag.of(w),
            dir,
            Recovery.Plan.fresh(),
            o,
            journal,
            sink -> backend = new FakeBackend(sink, t -> t.command().equals("make a") ? 0 : null),
            null,
            CommandBuilder.PLAIN,
            List.of(),
            clock::incrementAndGet);
    ExecutorService ex = Executors.newSingleThreadExecutor();
    try {
      Future<RunOutcome> run = ex.submit(e::run);
      assertTrue(journal.forceEntered.await(10, TimeUnit.SECONDS), "a's completion is forced");
      TaskSpec next = backend.heldSignal.poll(10, TimeUnit.SECONDS);
      assertEquals("make c", next.command(), "an independent rule starts while the device works");
      backend.release(0);
      TaskSpec then = backend.heldSignal.poll(10, TimeUnit.SECONDS);
      assertEquals("make d", then.command(), "b still waits for a's completion to be durable");
      journal.deviceDone.countDown();
      backend.release(0);
      TaskSpec last = backend.heldSignal.poll(10, TimeUnit.SECONDS);
      assertEquals("make b", last.command());
      backend.release(0);
      assertEquals(RunOutcome.Status.COMPLETED, run.get(10, TimeUnit.SECONDS).status());
    } finally {
      journal.deviceDone.countDown();
      ex.shutdownNow();
    }
  }
}
