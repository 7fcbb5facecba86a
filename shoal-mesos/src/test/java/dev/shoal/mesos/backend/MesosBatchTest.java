package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tasks with many inputs or outputs move them in batches ({@code FileBatches}): the split's outputs
 * in a few uploads, the combine's inputs in a few downloads, through the real executor JVMs (the
 * Shoal executor and the command executor's launcher) on the fake master.
 */
class MesosBatchTest extends MesosHarness {
  static final int MAPS = 40;

  @Test
  void manyInputsAndOutputs_throughTheShoalExecutor_moveInBatches_andMatchLocal() throws Exception {
    Path remote =
        mapReduceMatchesLocal(
            MAPS, o -> MesosExecutorTest.shoal(o.withLimits(32, 1.0, Map.of(), 2)));
    FileServer s = backend.fileServer();
    // The split uploads 41 outputs and the combine downloads 40 inputs, a few requests each.
    assertTrue(s.batchRequests() >= 2, "batches " + s.batchRequests());
    assertTrue(s.maxConcurrentDownloads() <= 2, "downloads " + s.maxConcurrentDownloads());
    assertFalse(Files.exists(remote.resolve(".shoal-mesos")), "staging left behind");
    assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.sandboxFiles(), () -> "sandbox content left behind");
  }

  @Test
  void manyInputsAndOutputs_throughTheCommandExecutor_moveInBatches_andMatchLocal()
      throws Exception {
    Path remote =
        mapReduceMatchesLocal(
            12,
            o ->
                o.withLimits(32, 1.0, Map.of(), 2)
                    .withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.COMMAND)));
    assertTrue(backend.fileServer().batchRequests() >= 2);
    assertTrue(master.executorStarts().isEmpty(), "a Shoal executor ran");
    assertFalse(Files.exists(remote.resolve(".shoal-mesos")), "staging left behind");
    assertEquals(List.of(), master.sandboxFiles(), () -> "sandbox content left behind");
  }

  /**
   * Every batch upload of the first attempt of the rule with 10 outputs is cut after one file: the
   * attempt's upload fails, nothing of it reaches the workflow, and the rule runs again.
   */
  @Test
  void interruptedBatchUpload_leavesNothing_andTheTaskRunsAgain() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cut"));
    Path runs = tmp.resolve("runs.txt");
    StringBuilder outs = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      outs.append(" o.").append(i);
    }
    String makeflow =
        outs.toString().strip()
            + ":\n\techo run >> "
            + runs
            + " && "
            + IntStream.range(0, 10)
                .mapToObj(i -> "echo " + i + " > o." + i)
                .collect(Collectors.joining(" && "))
            + "\n\n"
            + "all:"
            + outs
            + "\n\tcat"
            + outs
            + " > all\n";
    Files.writeString(dir.resolve("Makeflow"), makeflow);
    AtomicReference<String> first = new AtomicReference<>();
    RunOutcome r =
        run(
            dir,
            MesosExecutorTest.shoal(options()),
            b -> {
              backend = b;
              b.fileServer()
                  .cutBatchUploads(
                      target -> {
                        String attempt =
                            target.getFileName().toString().replaceFirst("\\.out-\\d+$", "");
                        first.compareAndSet(null, attempt);
                        return first.get().equals(attempt);
                      });
            },
            events::add);
    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    assertEquals(List.of("run", "run"), Files.readAllLines(runs), "the rule ran twice");
    assertEquals("0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n", Files.readString(dir.resolve("all")));
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> hidden =
          all.filter(p -> p.getFileName().toString().startsWith(".") && !p.equals(dir)).toList();
      assertTrue(
          hidden.stream().noneMatch(p -> p.toString().contains(".shoal-mesos")),
          "staging left: " + hidden);
    }
  }
}
