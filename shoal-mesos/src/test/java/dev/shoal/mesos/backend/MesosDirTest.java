package dev.shoal.mesos.backend;

import static dev.shoal.mesos.backend.SameTree.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.worker.launch.DirStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Directories as rules' inputs and outputs on {@code -T mesos}, through both executors on the fake
 * master with real executor and launcher JVMs: the same workflow gives the same trees as {@code -T
 * local}, an earlier run's directory is replaced whole, a cut upload reruns the rule.
 */
class MesosDirTest extends MesosHarness {
  static final int COPIES = 24;

  /**
   * {@code indir} (a source directory, nested, with an executable and a link inside) → {@code
   * outdir} (made by the rule, nested) and {@value #COPIES} short rules copying {@code indir} into
   * directories of their own (enough to wait for slots, so that bundles form) → {@code result},
   * which reads them all. Each rule but the last appends its name to {@code runs}.
   */
  static String makeflow(Path runs) {
    StringBuilder mf = new StringBuilder();
    mf.append("outdir: indir\n\t")
        .append("echo outdir >> ")
        .append(runs)
        .append(" && mkdir -p outdir/sub/deeper outdir/empty")
        .append(" && (cd indir && cat a sub/b link) > outdir/sub/cat")
        .append(" && ls -R indir > outdir/listing")
        .append(" && cp indir/tool.sh outdir/sub/deeper/tool.sh")
        .append(" && ./indir/tool.sh > outdir/tool.out")
        .append(" && head -c 200000 /dev/zero > outdir/sub/deeper/zeros\n\n");
    for (int i = 0; i < COPIES; i++) {
      mf.append("copy.")
          .append(i)
          .append(": indir\n\techo copy.")
          .append(i)
          .append(" >> ")
          .append(runs)
          .append(" && mkdir copy.")
          .append(i)
          .append(" && cp -r indir copy.")
          .append(i)
          .append("/in && echo ")
          .append(i)
          .append(" > copy.")
          .append(i)
          .append("/n\n\n");
    }
    String copies =
        IntStream.range(0, COPIES).mapToObj(i -> "copy." + i).collect(Collectors.joining(" "));
    mf.append("result: outdir ")
        .append(copies)
        .append("\n\tcat outdir/sub/cat outdir/tool.out outdir/listing > result")
        .append(" && outdir/sub/deeper/tool.sh >> result && cat copy.*/n copy.*/in/a >> result\n");
    return mf.toString();
  }

  static void writeInput(Path dir, String a) throws IOException {
    Path in = Files.createDirectories(dir.resolve("indir/sub/empty")).getParent().getParent();
    Files.writeString(in.resolve("a"), a);
    Files.writeString(in.resolve("sub/b"), "bravo\n");
    Path tool = Files.writeString(in.resolve("tool.sh"), "#!/bin/sh\necho tool ran\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createSymbolicLink(in.resolve("link"), Path.of("a"));
  }

  /** Runs the workflow locally and through {@code tweak}; asserts the same trees; the Mesos dir. */
  Path matchesLocal(UnaryOperator<MesosOptions> tweak) throws IOException {
    Path local = tmp.resolve("local");
    Path remote = tmp.resolve("remote");
    writeInput(local, "alpha\n");
    writeInput(remote, "alpha\n");
    RunOutcome l = run(local, makeflow(tmp.resolve("local-runs")), o -> o, false);
    RunOutcome r = run(remote, makeflow(tmp.resolve("runs")), tweak);
    assertEquals(RunOutcome.Status.COMPLETED, l.status());
    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    assertSameOutputs(local, remote);
    assertFalse(Files.exists(remote.resolve(".shoal-mesos")), "staging left behind");
    return remote;
  }

  private static void assertSameOutputs(Path local, Path remote) throws IOException {
    assertSameTree(local.resolve("outdir"), remote.resolve("outdir"));
    for (int i = 0; i < COPIES; i++) {
      assertSameTree(local.resolve("copy." + i), remote.resolve("copy." + i));
    }
    assertArrayEquals(
        Files.readAllBytes(local.resolve("result")), Files.readAllBytes(remote.resolve("result")));
  }

  @Test
  void directories_throughTheShoalExecutorInBundles_matchLocal() throws Exception {
    matchesLocal(o -> MesosBundleTest.bundled(o, MesosBundleTest.EAGER));
    assertTrue(
        events.stream()
            .anyMatch(e -> e instanceof BackendEvent.Started s && s.jobId().contains("-b")),
        "no bundle ran: the members' directory uploads were not exercised");
    assertFalse(master.executorStarts().isEmpty(), "no Shoal executor ran");
    assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
  }

  @Test
  void directories_throughTheCommandExecutor_matchLocal() throws Exception {
    matchesLocal(o -> o.withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.COMMAND)));
    assertTrue(master.executorStarts().isEmpty(), "a Shoal executor ran");
    assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
  }

  @Test
  void directoryOutput_replacesAnEarlierRunsDirectoryWhole() throws Exception {
    Path remote = matchesLocal(MesosExecutorTest::shoal);
    Files.writeString(remote.resolve("outdir/sub/stale"), "from an earlier run\n");
    Files.delete(remote.resolve("Makeflow.makeflowlog"));
    Files.writeString(remote.resolve("indir/a"), "changed\n");
    Path again = tmp.resolve("local-again");
    writeInput(again, "changed\n");
    assertEquals(
        RunOutcome.Status.COMPLETED,
        run(again, makeflow(tmp.resolve("again-runs")), o -> o, false).status());

    RunOutcome r = run(remote, makeflow(tmp.resolve("runs")), MesosExecutorTest::shoal);
    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    assertFalse(Files.exists(remote.resolve("outdir/sub/stale")), "the old directory was kept");
    assertSameOutputs(again, remote);
    assertFalse(Files.exists(remote.resolve(".shoal-mesos")), "staging left behind");
  }

  @Test
  void cutDirectoryUpload_leavesNothing_andTheRuleRunsAgain() throws Exception {
    Path dir = tmp.resolve("cut");
    writeInput(dir, "alpha\n");
    Path runs = tmp.resolve("runs");
    AtomicReference<String> first = new AtomicReference<>();
    Files.writeString(dir.resolve("Makeflow"), makeflow(runs));
    RunOutcome r =
        run(
            dir,
            MesosBundleTest.bundled(options(), Bundling.OFF), // a bundle's members fail together
            b -> {
              backend = b;
              b.fileServer()
                  .cutDirUploads(
                      target -> {
                        String attempt =
                            target.getFileName().toString().replaceFirst("\\.out-\\d+$", "");
                        return first.compareAndSet(null, attempt) || first.get().equals(attempt);
                      });
            },
            events::add);
    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    assertTrue(first.get() != null, "no directory was uploaded");
    java.util.Map<String, Long> counts = MesosHarness.runCounts(runs);
    assertEquals(COPIES + 1, counts.size(), counts::toString);
    assertEquals(
        1,
        counts.values().stream().filter(n -> n == 2).count(),
        "the rule whose upload was cut ran again, the others once: " + counts);
    assertEquals(COPIES + 2, counts.values().stream().mapToLong(n -> n).sum(), counts::toString);
    Path local = tmp.resolve("local");
    writeInput(local, "alpha\n");
    run(local, makeflow(tmp.resolve("local-runs")), o -> o, false);
    assertSameOutputs(local, dir);
    try (Stream<Path> all = Files.walk(dir)) {
      assertTrue(all.noneMatch(p -> p.toString().contains(".shoal-mesos")), "staging left");
    }
  }

  @Test
  void inputDirectoryWithALinkOutside_failsTheRule_sayingWhy() throws Exception {
    Path dir = tmp.resolve("leak");
    writeInput(dir, "alpha\n");
    Path secret = Files.writeString(tmp.resolve("secret"), "not for the task\n");
    Files.createSymbolicLink(dir.resolve("indir/sub/leak"), secret);
    RunOutcome r = run(dir, "out: indir\n\tcat indir/sub/leak > out\n", MesosExecutorTest::shoal);
    assertEquals(RunOutcome.Status.FAILED, r.status());
    List<TaskResult> results =
        events.stream()
            .filter(e -> e instanceof BackendEvent.Finished)
            .map(e -> ((BackendEvent.Finished) e).result())
            .toList();
    assertEquals(1, results.size(), "refused at once, not run again: " + results);
    assertEquals(TaskResult.Outcome.BACKEND_ERROR, results.getFirst().outcome());
    String message = results.getFirst().message();
    assertTrue(message.contains(DirStream.REFUSED) && message.contains("leak"), message);
    assertFalse(Files.exists(dir.resolve("out")));
  }
}
