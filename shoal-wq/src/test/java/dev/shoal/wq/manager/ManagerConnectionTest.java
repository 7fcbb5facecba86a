package dev.shoal.wq.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.Payload;
import dev.shoal.wire.WorkerMessage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager against hostile and fake peers on real sockets. */
@SuppressWarnings("try") // workers are held open by try-with-resources only
class ManagerConnectionTest {
  @TempDir Path tmp;
  private Path work;
  private final BlockingQueue<BackendEvent> events = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> notes = new LinkedBlockingQueue<>();
  private WorkQueueBackend backend;

  @BeforeEach
  void start() throws Exception {
    work = Files.createDirectory(tmp.resolve("work"));
    Files.writeString(work.resolve("in.txt"), "input\n");
    backend =
        WorkQueueBackend.start(
            ManagerOptions.defaults().withPort(0),
            events::add,
            () -> System.currentTimeMillis() * 1000,
            notes::add,
            work);
  }

  @AfterEach
  void stop() {
    backend.close();
  }

  @Test
  void garbage_dropsThatConnectionAndTheRunGoesOn() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), backend.port())) {
      OutputStream out = s.getOutputStream();
      out.write("\u0000\u0001 hello there\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String note = awaitNote("dropped");
      assertTrue(note.contains("127.0.0.1:" + s.getLocalPort()), note);
      assertEquals(-1, s.getInputStream().read(), "the manager closes the connection");
    }
    backend.submit(task(1, "out.txt"));
    try (FakeWorker w = new FakeWorker(backend.port(), 9, n -> FakeWorker.file(n, "made\n"))) {
      BackendEvent.Finished f = awaitFinished();
      assertTrue(f.result().succeeded(), f.toString());
      assertEquals("made\n", Files.readString(work.resolve("out.txt")));
    }
  }

  @Test
  void oversizeLine_dropsTheConnection() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), backend.port())) {
      s.getOutputStream()
          .write(("workqueue " + "x".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      assertTrue(awaitNote("dropped").contains("4096"));
    }
  }

  @Test
  void unsupportedProtocol_isDroppedWithTheReason() throws Exception {
    try (FakeWorker w = new FakeWorker(backend.port(), 8, n -> List.of())) {
      String note = awaitNote("dropped");
      assertTrue(note.contains("protocol 9 or 11"), note);
    }
  }

  @Test
  void getReplyEscapingTheSandbox_isRefusedAndTheTaskRunsElsewhereOnce() throws Exception {
    backend.submit(task(1, "out.txt"));
    Path outside = tmp.resolve("escaped.txt");
    try (FakeWorker evil =
        new FakeWorker(
            backend.port(),
            9,
            n ->
                List.of(
                    new WorkerMessage.FileData(
                        n + "/../../escaped.txt", Payload.utf8("bad"), Optional.empty()),
                    new Message.End()))) {
      String note = awaitNote("removed");
      assertTrue(note.contains("path below it without '..'"), note);
      assertTrue(note.contains("1 task(s) requeued"), note);
    }
    try (FakeWorker evil =
        new FakeWorker(backend.port(), 9, n -> FakeWorker.file("/etc/passwd", "bad"))) {
      awaitNote("removed");
    }
    assertNull(
        events.stream().filter(e -> e instanceof BackendEvent.Finished).findAny().orElse(null));
    try (FakeWorker good = new FakeWorker(backend.port(), 9, n -> FakeWorker.file(n, "good\n"))) {
      BackendEvent.Finished f = awaitFinished();
      assertTrue(f.result().succeeded());
      assertEquals("good\n", Files.readString(work.resolve("out.txt")));
      BackendEvent more = events.poll(300, TimeUnit.MILLISECONDS);
      assertFalse(more instanceof BackendEvent.Finished, "one Finished only: " + more);
    }
    assertFalse(Files.exists(outside));
    assertFalse(Files.exists(tmp.resolve("escaped.txt")));
    try (var s = Files.list(work)) {
      assertEquals(
          List.of("in.txt", "out.txt"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void inputsAreSentOncePerWorkerAndOutputsUnlinked() throws Exception {
    backend.submit(task(1, "a.txt"));
    backend.submit(task(2, "b.txt"));
    try (FakeWorker w = new FakeWorker(backend.port(), 11, n -> FakeWorker.file(n, "x"))) {
      awaitFinished();
      awaitFinished();
      // The outputs are unlinked once fetched, which may follow the engine's Finished event.
      List<ManagerMessage> got =
          w.awaitReceived(ms -> ms.stream().anyMatch(m -> m instanceof ManagerMessage.Unlink));
      assertEquals(1, count(got, ManagerMessage.Put.class), got.toString());
    }
  }

  @Test
  void inputsOfWaitingTasks_goAheadToABusyWorker_onceEach() throws Exception {
    for (int k = 1; k <= 5; k++) {
      Files.writeString(work.resolve("in" + k + ".txt"), "input " + k + "\n");
      backend.submit(task(k, "in" + k + ".txt", "out" + k + ".txt"));
    }
    try (FakeWorker w = new FakeWorker(backend.port(), 11, n -> FakeWorker.file(n, "x"), true)) {
      // 2 cores: tasks 1 and 2 run and are held; one round ahead, the inputs of 3 and 4 follow.
      List<ManagerMessage> got = w.awaitReceived(ms -> putNames(ms).size() >= 4);
      assertEquals(2, count(got, ManagerMessage.Task.class), got.toString());
      assertTrue(putNames(got).stream().anyMatch(n -> n.endsWith("-in4.txt")), got.toString());
      assertTrue(putNames(got).stream().noneMatch(n -> n.endsWith("-in5.txt")), got.toString());
      w.stopHolding();
      for (int k = 0; k < 5; k++) {
        awaitFinished();
      }
      List<ManagerMessage> all = w.received();
      assertEquals(5, putNames(all).size(), all.toString());
      assertEquals(5, putNames(all).stream().distinct().count(), all.toString());
    }
  }

  private static List<String> putNames(List<ManagerMessage> ms) {
    return ms.stream()
        .filter(m -> m instanceof ManagerMessage.Put)
        .map(m -> ((ManagerMessage.Put) m).name())
        .toList();
  }

  private static long count(List<ManagerMessage> ms, Class<?> type) {
    return ms.stream().filter(type::isInstance).count();
  }

  private TaskSpec task(long id, String output) {
    return task(id, "in.txt", output);
  }

  private TaskSpec task(long id, String input, String output) {
    return new TaskSpec(
        new TaskId(id),
        (int) id,
        "cat " + input + " > " + output,
        work,
        List.of(FileRef.of(input)),
        List.of(FileRef.of(output)),
        Map.of(),
        Resources.NONE.withCores(1),
        "default",
        null);
  }

  private BackendEvent.Finished awaitFinished() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      BackendEvent e = events.poll(100, TimeUnit.MILLISECONDS);
      if (e instanceof BackendEvent.Finished f) {
        return f;
      }
    }
    throw new AssertionError("no Finished within 20 s; notes: " + notes);
  }

  private String awaitNote(String containing) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String n = notes.poll(100, TimeUnit.MILLISECONDS);
      if (n != null && n.contains(containing)) {
        return n;
      }
    }
    throw new AssertionError("no note with '" + containing + "' within 20 s");
  }

  static <T> T cast(Class<T> type, Object o) {
    return assertInstanceOf(type, o);
  }
}
