package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.monitor.SummaryJson;
import dev.shoal.wire.FileFlag;
import dev.shoal.wire.FileFlags;
import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.Payload;
import dev.shoal.wire.TaskFile;
import dev.shoal.wire.TaskId;
import dev.shoal.wire.TaskSpec;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WorkerMessage;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our worker in protocol 11, driven by the test as its manager through shoal-wire's codec. */
class Protocol11SessionTest {

  static TaskSpec task(
      long id, String cmd, Double cores, Double memory, List<TaskFile> in, List<TaskFile> out) {
    return new TaskSpec(
        new TaskId(id),
        cmd,
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(cores),
        Optional.ofNullable(memory),
        Optional.of(50.0),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of("GREETING=hi there"),
        in,
        out,
        List.of());
  }

  @Test
  void session_putTaskResultsGetKill(@TempDir Path dir) throws Exception {
    try (FakeManager m = new FakeManager();
        WorkerProcess w = WorkerProcess.ofManager(dir, m.port())) {
      WorkerMessage.Hello hello = m.accept();
      assertEquals(11, hello.protocol());
      assertTrue(hello.version().startsWith("shoal-"), hello.version());

      m.send(new ManagerMessage.Put("file-0-in", Payload.utf8("hello\n"), 0640));
      WorkerMessage.CacheUpdate cu = m.next(WorkerMessage.CacheUpdate.class);
      assertEquals("file-0-in", cu.name());
      assertEquals(6, cu.size());
      m.send(
          new ManagerMessage.Dir("dd"),
          new ManagerMessage.Put("a.txt", Payload.utf8("ab"), 0644),
          new ManagerMessage.Dir("sub"),
          new ManagerMessage.Put("b.txt", Payload.utf8("c"), 0600),
          new ManagerMessage.Symlink("ln", "b.txt"),
          new Message.End(),
          new Message.End());
      assertEquals(
          new WorkerMessage.CacheUpdate("dd", 3, 0).name(),
          m.next(WorkerMessage.CacheUpdate.class).name());

      TaskSpec t1 =
          task(
              1,
              "cat in.txt > out.txt; chmod 0750 out.txt; cat d/sub/ln; echo \"$GREETING\" >&2; mkdir -p od/x; echo y > od/x/f",
              1.0,
              100.0,
              List.of(
                  new TaskFile("file-0-in", "in.txt", FileFlags.of(FileFlag.CACHE)),
                  new TaskFile("dd", "d", FileFlags.of(FileFlag.CACHE))),
              List.of(
                  new TaskFile("file-1-out", "out.txt", FileFlags.NONE),
                  new TaskFile("file-1-od", "od", FileFlags.NONE),
                  new TaskFile("file-1-usage", ".shoal-usage.json", FileFlags.NONE)));
      m.send(new ManagerMessage.Task(t1));
      m.next(WorkerMessage.AvailableResults.class);
      List<WorkerMessage.Result> rs = m.results();
      assertEquals(1, rs.size());
      assertEquals(TaskStatus.SUCCESS, rs.get(0).status());
      assertEquals(0, rs.get(0).exitCode());
      assertEquals("chi there\n", rs.get(0).stdout().asUtf8());

      m.send(new ManagerMessage.Get("file-1-out", false));
      WorkerMessage.FileData f = m.next(WorkerMessage.FileData.class);
      assertEquals("hello\n", f.data().asUtf8());
      assertEquals(Optional.of(0750), f.mode());
      m.next(Message.End.class);
      m.send(new ManagerMessage.Get("file-1-od", true));
      assertEquals(new WorkerMessage.DirHeader("file-1-od"), m.codec.readFromWorker());
      assertEquals(new WorkerMessage.DirHeader("file-1-od/x"), m.codec.readFromWorker());
      WorkerMessage.FileData nested =
          assertInstanceOf(WorkerMessage.FileData.class, m.codec.readFromWorker());
      assertEquals("file-1-od/x/f", nested.name());
      assertEquals(new Message.End(), m.codec.readFromWorker());
      m.send(new ManagerMessage.Get("file-1-usage", false));
      String usage = m.next(WorkerMessage.FileData.class).data().asUtf8();
      assertEquals(0, SummaryJson.parse(usage, "usage").exitStatus());
      m.next(Message.End.class);
      m.send(new ManagerMessage.Get("nosuch", false));
      assertEquals(new WorkerMessage.Missing("nosuch", 2), m.codec.readFromWorker());
      m.next(Message.End.class);

      Path sandbox = w.root().resolve("t.1");
      assertTrue(Files.isDirectory(sandbox), "the sandbox stays until the manager is done with it");
      m.send(new ManagerMessage.Kill(new TaskId(1)));
      m.barrier();
      assertFalse(Files.exists(sandbox), "kill removes a finished task's sandbox");
      assertTrue(Files.exists(w.cached("file-0-in")), "cached inputs stay");
      m.send(new ManagerMessage.Unlink("file-1-out"));
      m.barrier();
      assertFalse(Files.exists(w.cached("file-1-out")));

      m.send(new ManagerMessage.Exit());
      assertEquals(0, w.waitFor(Duration.ofSeconds(20)), w.log());
      assertFalse(Files.exists(w.root()), "the worker removes its directory at exit");
    }
  }

  @Test
  void session_unsafeNamesRefused_forsakenAndKilledTasks(@TempDir Path dir) throws Exception {
    Path victim = dir.resolve("evil");
    try (FakeManager m = new FakeManager();
        WorkerProcess w = WorkerProcess.ofManager(dir.resolve("w"), m.port())) {
      m.accept();
      m.send(
          new ManagerMessage.Task(
              task(
                  2,
                  "echo x > o",
                  1.0,
                  10.0,
                  List.of(),
                  List.of(new TaskFile("file-2-o", "../../evil", FileFlags.NONE)))));
      m.send(
          new ManagerMessage.Task(
              task(
                  3,
                  "echo x > o",
                  1.0,
                  10.0,
                  List.of(),
                  List.of(new TaskFile("file-3-o", "/etc/x", FileFlags.NONE)))));
      m.send(
          new ManagerMessage.Task(
              task(
                  4,
                  "true",
                  1.0,
                  10.0,
                  List.of(new TaskFile("../cache-escape", "in", FileFlags.NONE)),
                  List.of())));
      m.send(new ManagerMessage.Task(task(5, "true", 64.0, 10.0, List.of(), List.of())));
      m.next(WorkerMessage.ResourceTag.class); // the fresh resource block before FORSAKEN
      m.send(new ManagerMessage.Task(task(6, "sleep 100", 1.0, 10.0, List.of(), List.of())));
      m.barrier();
      Path sandbox6 = w.root().resolve("t.6");
      WorkerProcess.await(
          "task 6's sandbox", Duration.ofSeconds(10), () -> Files.isDirectory(sandbox6));
      m.send(new ManagerMessage.Kill(new TaskId(6)));
      m.barrier();
      List<WorkerMessage.Result> rs = m.results();
      assertEquals(
          List.of(2L, 3L, 4L, 5L),
          rs.stream().map(r -> r.id().value()).toList(),
          "no result for the killed task");
      assertEquals(TaskStatus.INPUT_MISSING, rs.get(0).status());
      assertTrue(rs.get(0).stdout().asUtf8().contains("'..' segment"), rs.get(0).stdout().asUtf8());
      assertEquals(TaskStatus.INPUT_MISSING, rs.get(1).status());
      assertEquals(TaskStatus.INPUT_MISSING, rs.get(2).status());
      assertEquals(TaskStatus.FORSAKEN, rs.get(3).status());
      assertFalse(Files.exists(victim));
      WorkerProcess.await(
          "the killed task's sandbox to go", Duration.ofSeconds(10), () -> !Files.exists(sandbox6));
      assertTrue(w.log().contains("refused"), w.log());
    }
  }

  @Test
  void session_garbage_dropsConnection_workerReconnects(@TempDir Path dir) throws Exception {
    try (FakeManager m = new FakeManager();
        WorkerProcess w = WorkerProcess.ofManager(dir, m.port())) {
      m.accept();
      m.sendRaw("frobnicate 1 2\n");
      assertThrows(
          EOFException.class,
          () -> {
            while (true) {
              m.codec.readFromWorker();
            }
          });
      assertTrue(w.log().contains("malformed message"), w.log());
      m.socket.close();
      assertEquals(11, m.accept().protocol(), "the worker comes back");
      m.sendRaw("put file-0-x 99999999999 0644\n");
      assertThrows(
          EOFException.class,
          () -> {
            while (true) {
              m.codec.readFromWorker();
            }
          });
      m.socket.close();
      m.accept();
      m.send(new ManagerMessage.Put("../escape", Payload.utf8("x"), 0644));
      assertThrows(
          IOException.class,
          () -> {
            while (true) {
              m.codec.readFromWorker();
            }
          });
      assertFalse(Files.exists(w.root().resolve("escape")));
      assertTrue(w.process.isAlive(), "the worker survives hostile input");
    }
  }
}
