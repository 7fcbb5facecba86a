package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plays the manager against the real cctools worker, when one is installed ({@code
 * /usr/bin/work_queue_worker}): our written messages must be accepted and the replies must parse.
 */
class RealWorkerTest {
  private static final Path WORKER = Path.of("/usr/bin/work_queue_worker");

  @Test
  void session_realWorker_runsTaskAndReturnsOutput(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(WORKER), "cctools work_queue_worker not installed");
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout(20_000);
      Process worker =
          new ProcessBuilder(
                  WORKER.toString(),
                  "-s",
                  dir.toString(),
                  "-t",
                  "30",
                  "--cores",
                  "1",
                  "127.0.0.1",
                  Integer.toString(server.getLocalPort()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("worker.out").toFile())
              .start();
      try (Socket socket = server.accept()) {
        socket.setSoTimeout(20_000);
        WireCodec codec = new WireCodec(socket.getInputStream(), socket.getOutputStream());
        WorkerMessage.Hello hello =
            assertInstanceOf(WorkerMessage.Hello.class, codec.readFromWorker());
        assertEquals(9, hello.protocol());
        skipUntil(codec, new WorkerMessage.Info("worker-end-time", "0"));

        codec.write(new ManagerMessage.Put("file-0-in.txt", Payload.utf8("hello\n"), 0644));
        TaskSpec spec =
            new TaskSpec(
                new TaskId(1),
                "cat in.txt > out.txt; echo $FOO",
                Optional.empty(),
                Optional.of("default"),
                Optional.of(1.0),
                Optional.of(10.0),
                Optional.of(10.0),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of("FOO=bar"),
                List.of(new TaskFile("file-0-in.txt", "in.txt", FileFlags.of(FileFlag.CACHE))),
                List.of(new TaskFile("file-1-out.txt", "out.txt", FileFlags.NONE)),
                List.of());
        codec.write(new ManagerMessage.Task(spec));
        codec.flush();
        skipUntil(codec, new WorkerMessage.AvailableResults());

        codec.write(new ManagerMessage.SendResults(-1));
        codec.flush();
        WorkerMessage.Result result = nextResult(codec);
        assertEquals(TaskStatus.SUCCESS, result.status());
        assertEquals(0, result.exitCode());
        assertEquals(new TaskId(1), result.id());
        assertEquals("bar\n", result.stdout().asUtf8());
        skipUntil(codec, new Message.End());

        codec.write(new ManagerMessage.Get("file-1-out.txt", false));
        codec.flush();
        assertEquals(
            new WorkerMessage.FileData("file-1-out.txt", Payload.utf8("hello\n"), Optional.empty()),
            codec.readFromWorker());
        assertEquals(new Message.End(), codec.readFromWorker());

        codec.write(new ManagerMessage.Kill(new TaskId(1)));
        codec.write(new ManagerMessage.Exit());
        codec.flush();
      } finally {
        if (!worker.waitFor(10, TimeUnit.SECONDS)) {
          worker.destroy();
          worker.waitFor(5, TimeUnit.SECONDS);
        }
      }
    }
  }

  private static WorkerMessage.Result nextResult(WireCodec codec) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (codec.readFromWorker() instanceof WorkerMessage.Result r) {
        return r;
      }
    }
    throw new AssertionError("no result within 50 messages");
  }

  private static void skipUntil(WireCodec codec, WorkerMessage wanted) throws Exception {
    for (int i = 0; i < 50; i++) {
      if (codec.readFromWorker().equals(wanted)) {
        return;
      }
    }
    throw new AssertionError("no " + wanted + " within 50 messages");
  }
}
