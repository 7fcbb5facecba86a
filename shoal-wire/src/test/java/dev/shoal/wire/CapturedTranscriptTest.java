package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapturedTranscriptTest {
  private static List<WorkerMessage> allFromWorker(WireCodec codec) throws Exception {
    List<WorkerMessage> out = new ArrayList<>();
    while (true) {
      try {
        out.add(codec.readFromWorker());
      } catch (EOFException e) {
        return out;
      }
    }
  }

  @Test
  void readFromWorker_capturedSession_parsesEveryLine() throws Exception {
    List<WorkerMessage> m = allFromWorker(Transcript.load("session-proto9.txt").managerSide());

    assertEquals(new WorkerMessage.Hello(9, "vm", "Linux", "x86_64", "8.0.0"), m.get(0));
    assertEquals(
        new WorkerMessage.Info("worker-id", "worker-e85e5d5c3a0f0aaa70378e490c4afbf4"), m.get(1));
    assertEquals(new WorkerMessage.Alive(), m.get(2));
    assertEquals(new WorkerMessage.Resource("workers", 1, 1, 1), m.get(3));
    assertEquals(new WorkerMessage.Resource("disk", 80424, 80424, 80424), m.get(4));
    assertEquals(new WorkerMessage.Resource("cores", 2, 2, 2), m.get(7));
    assertEquals(new WorkerMessage.ResourceTag(0), m.get(8));
    assertEquals(new WorkerMessage.Info("end_of_resource_update", "0"), m.get(9));
    assertTrue(m.contains(new WorkerMessage.AvailableResults()));
    assertTrue(
        m.contains(
            new WorkerMessage.Result(
                TaskStatus.SUCCESS, 0, 3940, new TaskId(7), Payload.utf8("hi\nerr\n"))));
    assertTrue(
        m.contains(
            new WorkerMessage.Result(TaskStatus.SUCCESS, 3, 2891, new TaskId(8), Payload.EMPTY)));
    assertTrue(
        m.contains(
            new WorkerMessage.FileData(
                "file-7-def-out.txt", Payload.utf8("hello\n"), Optional.empty())));
    assertTrue(m.contains(new WorkerMessage.Missing("nosuch-file", 2)));
    assertTrue(m.contains(new WorkerMessage.Missing("file-8-gh-none.txt", 2)));
    assertInstanceOf(Message.End.class, m.get(m.size() - 1));
  }

  @Test
  void readFromManager_capturedSession_parsesTaskAndStopsAtUnknownVerb() throws Exception {
    WireCodec codec = Transcript.load("session-proto9.txt").workerSide();

    assertEquals(new ManagerMessage.Check(), codec.readFromManager());
    assertEquals(
        new ManagerMessage.Put("file-0-abc-in.txt", Payload.utf8("hello\n"), 0644),
        codec.readFromManager());
    assertEquals(
        new ManagerMessage.Put("file-0-x-ws.txt", Payload.utf8("ab\n"), 0600),
        codec.readFromManager());
    TaskSpec t = assertInstanceOf(ManagerMessage.Task.class, codec.readFromManager()).spec();
    assertEquals(new TaskId(7), t.id());
    assertEquals("cat in.txt > out.txt; echo hi; echo err >&2", t.command());
    assertEquals(Optional.of("default"), t.category());
    assertEquals(Optional.of(1.0), t.cores());
    assertEquals(Optional.of(100.0), t.memoryMb());
    assertEquals(Optional.of(10.0), t.diskMb());
    assertEquals(Optional.of(0.0), t.gpus());
    assertEquals(Optional.of(60_000_000L), t.wallTimeMicros());
    assertEquals(Optional.of(0L), t.endTimeMicros());
    assertEquals(List.of("FOO=bar baz"), t.environment());
    assertEquals(
        List.of(
            new TaskFile("file-0-abc-in.txt", "in.txt", FileFlags.of(FileFlag.CACHE)),
            new TaskFile("file-0-x-ws.txt", "w s.txt", FileFlags.of(FileFlag.CACHE))),
        t.inputs());
    assertEquals(
        List.of(new TaskFile("file-7-def-out.txt", "out.txt", FileFlags.NONE)), t.outputs());
    assertEquals(new ManagerMessage.SendResults(-1), codec.readFromManager());
    assertEquals(new ManagerMessage.Get("file-7-def-out.txt", false), codec.readFromManager());
    assertEquals(new ManagerMessage.Get("nosuch-file", false), codec.readFromManager());
    assertEquals(new ManagerMessage.Kill(new TaskId(7)), codec.readFromManager());
    assertEquals("exit 3\n", ((ManagerMessage.Task) codec.readFromManager()).spec().command());
    for (int i = 0; i < 5; i++) {
      codec.readFromManager(); // send_results, get, kill 8, task 9, kill 9
    }
    assertEquals(new ManagerMessage.SendResults(-1), codec.readFromManager());
    assertEquals(new ManagerMessage.Unlink("file-7-def-out.txt"), codec.readFromManager());
    assertEquals(new ManagerMessage.InvalidateFile("file-0-abc-in.txt"), codec.readFromManager());
    ProtocolException e = assertThrows(ProtocolException.class, codec::readFromManager);
    assertEquals("frobnicate 1 2", e.offending());
  }

  @Test
  void readFromWorker_capturedFeatureHandshake_decodesFeatureName() throws Exception {
    List<WorkerMessage> m =
        allFromWorker(Transcript.load("handshake-feature-proto9.txt").managerSide());

    assertEquals(new WorkerMessage.Feature("my feat/1"), m.get(2));
    assertEquals(new WorkerMessage.Resource("memory", 512, 512, 512), m.get(6));
    assertEquals(new WorkerMessage.Info("worker-end-time", "1795551905"), m.get(m.size() - 1));
  }

  @Test
  void write_capturedWorkerLines_reproducesTheBytes() throws Exception {
    Transcript t = Transcript.load("handshake-feature-proto9.txt");
    var out = new java.io.ByteArrayOutputStream();
    WireCodec writer = new WireCodec(java.io.InputStream.nullInputStream(), out);
    for (WorkerMessage m : allFromWorker(t.managerSide())) {
      writer.write(m);
    }
    writer.flush();

    assertEquals(new String(t.fromWorker(), "UTF-8"), out.toString("UTF-8"));
  }

  @Test
  void readFromWorker_capturedProjectWorker_sendsPlainHandshakeWithoutNameExchange()
      throws Exception {
    List<WorkerMessage> m =
        allFromWorker(Transcript.load("handshake-project-catalog-proto9.txt").managerSide());

    assertEquals(new WorkerMessage.Hello(9, "vm", "Linux", "x86_64", "8.0.0"), m.get(0));
    assertEquals(12, m.size());
    ProtocolException e =
        assertThrows(
            ProtocolException.class,
            () ->
                Transcript.load("handshake-project-catalog-proto9.txt")
                    .workerSide()
                    .readFromManager());
    assertEquals("proj", e.offending());
  }

  @Test
  void readFromWorker_capturedRecursiveGetAndForsakenTask_parses() throws Exception {
    List<WorkerMessage> m =
        allFromWorker(Transcript.load("session-dirs-watch-forsaken-proto9.txt").managerSide());

    int dir = m.indexOf(new WorkerMessage.DirHeader("file-1-od"));
    assertEquals(
        List.of(
            new WorkerMessage.DirHeader("file-1-od"),
            new WorkerMessage.FileData("file-1-od/g", Payload.utf8("y\n"), Optional.empty()),
            new WorkerMessage.DirHeader("file-1-od/sub"),
            new WorkerMessage.FileData("file-1-od/sub/f", Payload.utf8("x\n"), Optional.empty()),
            new Message.End()),
        m.subList(dir, dir + 5));
    assertTrue(m.contains(new WorkerMessage.ResourceTag(2)));
    assertTrue(
        m.contains(
            new WorkerMessage.Result(TaskStatus.FORSAKEN, 0, 0, new TaskId(3), Payload.EMPTY)));
  }

  @Test
  void readFromManager_capturedRecursivePut_parsesDirPutEndSequence() throws Exception {
    WireCodec codec = Transcript.load("session-dirs-watch-forsaken-proto9.txt").workerSide();

    assertEquals(new ManagerMessage.Dir("dd"), codec.readFromManager());
    assertEquals(
        new ManagerMessage.Put("a.txt", Payload.utf8("ab\n"), 0644), codec.readFromManager());
    assertEquals(new ManagerMessage.Dir("sub"), codec.readFromManager());
    assertEquals(
        new ManagerMessage.Put("b.txt", Payload.utf8("c\n"), 0600), codec.readFromManager());
    assertEquals(new Message.End(), codec.readFromManager());
    assertEquals(new Message.End(), codec.readFromManager());
    TaskSpec t = assertInstanceOf(ManagerMessage.Task.class, codec.readFromManager()).spec();
    assertEquals(List.of(new TaskFile("dd", "d", FileFlags.NONE)), t.inputs());
  }
}
