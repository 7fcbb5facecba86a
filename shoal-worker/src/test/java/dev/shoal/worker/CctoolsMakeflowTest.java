package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cctools' own manager ({@code makeflow -T wq}, protocol 9) runs a workflow on our worker started
 * with {@code --protocol=9}: inputs, a shared input, several rules, a binary file, outputs compared
 * byte for byte; with and without a password; a wrong password is refused and logged.
 */
class CctoolsMakeflowTest {
  private static final String WORKFLOW =
      """
      a.out: in.txt shared.txt
      \tcat in.txt shared.txt > a.out

      b.out: shared.txt
      \ttr a-z A-Z < shared.txt > b.out

      blob.copy: blob.bin
      \tcp blob.bin blob.copy

      final.out: a.out b.out
      \tcat a.out b.out > final.out; echo done
      """;

  @Test
  void makeflow_runsWorkflowOnOurWorker(@TempDir Path dir) throws Exception {
    runWorkflow(dir, false);
  }

  @Test
  void makeflow_withPassword_runsWorkflowOnOurWorker(@TempDir Path dir) throws Exception {
    runWorkflow(dir, true);
  }

  private void runWorkflow(Path dir, boolean password) throws Exception {
    Path makeflow = Cctools.require("makeflow");
    byte[] blob = new byte[300_000];
    new Random(42).nextBytes(blob);
    Path flow = Files.createDirectories(dir.resolve("flow"));
    Files.writeString(flow.resolve("Makeflow"), WORKFLOW);
    Files.writeString(flow.resolve("in.txt"), "hello\n");
    Files.writeString(flow.resolve("shared.txt"), "shared line\n");
    Files.write(flow.resolve("blob.bin"), blob);
    List<String> mfArgs =
        new ArrayList<>(List.of(makeflow.toString(), "-T", "wq", "-p", "0", "-Z", "port"));
    List<String> wArgs =
        new ArrayList<>(List.of("--protocol=9", "--cores=2", "-t", "60", "-i", "1", "-b", "2"));
    if (password) {
      Files.writeString(dir.resolve("pw"), "s3cret\n");
      mfArgs.addAll(List.of("--password", dir.resolve("pw").toString()));
      wArgs.addAll(List.of("-P", dir.resolve("pw").toString()));
    }
    mfArgs.add("Makeflow");
    Process mf = startMakeflow(mfArgs, flow);
    try {
      int port = awaitPort(flow.resolve("port"), mf);
      wArgs.addAll(List.of("127.0.0.1", Integer.toString(port)));
      try (WorkerProcess w = WorkerProcess.start(dir.resolve("w"), wArgs.toArray(String[]::new))) {
        assertTrue(
            mf.waitFor(90, TimeUnit.SECONDS), "makeflow did not finish; worker log:\n" + w.log());
        assertEquals(
            0,
            mf.exitValue(),
            "makeflow failed: "
                + Files.readString(flow.resolve("mf.log"))
                + "\nworker:\n"
                + w.log());
      }
      assertEquals("hello\nshared line\n", Files.readString(flow.resolve("a.out")));
      assertEquals("SHARED LINE\n", Files.readString(flow.resolve("b.out")));
      assertEquals(
          "hello\nshared line\nSHARED LINE\n", Files.readString(flow.resolve("final.out")));
      assertArrayEquals(blob, Files.readAllBytes(flow.resolve("blob.copy")));
      assertTrue(
          Files.readString(flow.resolve("mf.log")).contains("done"),
          "task output reaches makeflow");
    } finally {
      stop(mf);
    }
  }

  @Test
  void wrongPassword_isRefusedAndLogged_noTaskRuns(@TempDir Path dir) throws Exception {
    Path makeflow = Cctools.require("makeflow");
    Path flow = Files.createDirectories(dir.resolve("flow"));
    Files.writeString(flow.resolve("Makeflow"), "x.out:\n\ttouch x.out\n");
    Files.writeString(dir.resolve("right"), "right\n");
    Files.writeString(dir.resolve("wrong"), "wrong\n");
    Process mf =
        startMakeflow(
            List.of(
                makeflow.toString(),
                "-T",
                "wq",
                "-p",
                "0",
                "-Z",
                "port",
                "--password",
                dir.resolve("right").toString(),
                "Makeflow"),
            flow);
    try {
      int port = awaitPort(flow.resolve("port"), mf);
      try (WorkerProcess w =
          WorkerProcess.start(
              dir.resolve("w"),
              "--protocol=9",
              "-t",
              "30",
              "-P",
              dir.resolve("wrong").toString(),
              "127.0.0.1",
              Integer.toString(port))) {
        assertEquals(1, w.waitFor(Duration.ofSeconds(30)), "worker log:\n" + w.log());
        assertTrue(w.log().contains("did not prove the password"), w.log());
      }
      assertFalse(Files.exists(flow.resolve("x.out")), "a task ran despite the wrong password");
      assertTrue(mf.isAlive(), "makeflow still waits for a worker");
    } finally {
      stop(mf);
    }
  }

  private static Process startMakeflow(List<String> args, Path flow) throws IOException {
    return new ProcessBuilder(args)
        .directory(flow.toFile())
        .redirectErrorStream(true)
        .redirectOutput(flow.resolve("mf.log").toFile())
        .start();
  }

  /** makeflow writes the port file once it listens; it gives no other signal. */
  static int awaitPort(Path portFile, Process mf) throws Exception {
    WorkerProcess.await(
        "makeflow's port file",
        Duration.ofSeconds(30),
        () -> {
          try {
            return !mf.isAlive()
                || (Files.exists(portFile) && !Files.readString(portFile).isBlank());
          } catch (IOException e) {
            return false;
          }
        });
    assertTrue(mf.isAlive(), "makeflow exited before listening");
    return Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
  }

  static void stop(Process p) throws InterruptedException {
    List<ProcessHandle> tree = p.descendants().toList();
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    tree.forEach(ProcessHandle::destroyForcibly);
  }
}
