package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundTripTest {
  static final TaskSpec FULL_TASK =
      new TaskSpec(
          new TaskId(42),
          "./sim -n 3 > out 2>&1\nexit 0",
          Optional.of("python3 serve.py"),
          Optional.of("sims and stuff"),
          Optional.of(1.5),
          Optional.of(2048.0),
          Optional.of(100.0),
          Optional.of(1.0),
          Optional.of(3_600_000_000L),
          Optional.of(1_795_551_905_000_000L),
          List.of("A=1", "PATH=/bin:/usr/bin", "EMPTY="),
          List.of(
              new TaskFile("file-0-d41d8-sim", "sim", FileFlags.of(FileFlag.CACHE)),
              new TaskFile("buffer-3-aa-in", "in dir/a%b.txt", FileFlags.ofBits(4 | 8))),
          List.of(
              new TaskFile(
                  "file-42-bb-out", "out", FileFlags.of(FileFlag.WATCH, FileFlag.SUCCESS_ONLY))),
          List.of("scratch"));

  static final List<ManagerMessage> MANAGER =
      List.of(
          new ManagerMessage.Check(),
          new ManagerMessage.Release(),
          new ManagerMessage.Exit(),
          new ManagerMessage.Put("file-0-x-a b", Payload.of(new byte[] {0, 10, -1, 13}), 0755),
          new ManagerMessage.Put("empty", Payload.EMPTY, 0),
          new ManagerMessage.PutUrl("http://h/x?y=1 2", "url-1-aa", 12345, 0644),
          new ManagerMessage.PutCmd("curl -o $x h", "cmd-1-bb", 0, 0600),
          new ManagerMessage.Dir("data dir"),
          new ManagerMessage.Symlink("link", "../target file"),
          new ManagerMessage.Task(FULL_TASK),
          new ManagerMessage.Task(TaskSpec.of(new TaskId(0), "")),
          new ManagerMessage.SendResults(-1),
          new ManagerMessage.SendResults(5),
          new ManagerMessage.Get("file-7-def-out.txt", false),
          new ManagerMessage.Get("dir-1", true),
          new ManagerMessage.Kill(new TaskId(7)),
          new ManagerMessage.KillAll(),
          new ManagerMessage.Unlink("file-0-x"),
          new ManagerMessage.InvalidateFile("file-0-y"),
          new ManagerMessage.Tlq("http://tlq:9000/log"),
          new Message.End());

  static final List<WorkerMessage> WORKER =
      List.of(
          new WorkerMessage.Hello(11, "node-1.example", "foreman", "x86_64", "7.4.0"),
          new WorkerMessage.Info("tasks_running", "3"),
          new WorkerMessage.Info("idle-disconnecting", ""),
          new WorkerMessage.Feature("my feat/1"),
          new WorkerMessage.Alive(),
          new WorkerMessage.Resource("cores", 2, 2, 2),
          new WorkerMessage.Resource("memory", 1024.5, 0.25, 1e20),
          new WorkerMessage.ResourceTag(17),
          new WorkerMessage.AvailableResults(),
          new WorkerMessage.Result(
              TaskStatus.RESOURCE_EXHAUSTION, -1, 99, new TaskId(3), Payload.utf8("oom\n")),
          new WorkerMessage.Result(TaskStatus.FORSAKEN, 0, 0, new TaskId(4), Payload.EMPTY),
          new WorkerMessage.Update(new TaskId(3), "log file", 4096, Payload.utf8("line\n")),
          new WorkerMessage.CacheUpdate("file-0-x", 6, 1200),
          new WorkerMessage.CacheInvalid("url-1-aa", Payload.utf8("404 not found")),
          new WorkerMessage.FileData("out", Payload.utf8("hello\n"), Optional.empty()),
          new WorkerMessage.FileData("bin/x", Payload.of(new byte[] {1, 2}), Optional.of(0755)),
          new WorkerMessage.DirHeader("results dir"),
          new WorkerMessage.Missing("nosuch", 2),
          new Message.End());

  @Test
  void readFromManager_everyWrittenManagerMessage_roundTrips() throws Exception {
    WireCodec reader = new WireCodec(written(MANAGER), new ByteArrayOutputStream());
    for (ManagerMessage m : MANAGER) {
      assertEquals(m, reader.readFromManager());
    }
  }

  @Test
  void readFromWorker_everyWrittenWorkerMessage_roundTrips() throws Exception {
    WireCodec reader = new WireCodec(written(WORKER), new ByteArrayOutputStream());
    for (WorkerMessage m : WORKER) {
      assertEquals(m, reader.readFromWorker());
    }
  }

  @Test
  void samples_coverEveryMessageType() {
    Set<Class<?>> sampled = new HashSet<>();
    MANAGER.forEach(m -> sampled.add(m.getClass()));
    WORKER.forEach(m -> sampled.add(m.getClass()));
    Set<Class<?>> leaves = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>(List.of(Message.class));
    while (!todo.isEmpty()) {
      Class<?> c = todo.pop();
      if (c.isSealed()) {
        todo.addAll(List.of(c.getPermittedSubclasses()));
      } else {
        leaves.add(c);
      }
    }
    // Streamed bodies are covered by StreamedBodyTest: they exist only on a streaming reader.
    leaves.remove(ManagerMessage.PutBody.class);
    leaves.remove(WorkerMessage.FileBody.class);
    assertEquals(leaves, sampled);
  }

  @Test
  void write_taskLikeTheCapturedOne_producesTheCapturedLines() throws Exception {
    TaskSpec spec =
        new TaskSpec(
            new TaskId(8),
            "exit 3\n",
            Optional.empty(),
            Optional.empty(),
            Optional.of(1.0),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(new TaskFile("file-8-gh-none.txt", "none.txt", FileFlags.NONE)),
            List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WireCodec codec = new WireCodec(InputStream.nullInputStream(), out);
    codec.write(new ManagerMessage.Task(spec));
    codec.flush();

    assertEquals(
        "task 8\ncmd 7\nexit 3\n\ncores 1\noutfile file-8-gh-none.txt none.txt 0\nend\n",
        out.toString("UTF-8"));
  }

  private static InputStream written(List<? extends Message> messages) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WireCodec writer = new WireCodec(InputStream.nullInputStream(), out);
    for (Message m : messages) {
      writer.write(m);
    }
    writer.flush();
    return new ByteArrayInputStream(out.toByteArray());
  }
}
