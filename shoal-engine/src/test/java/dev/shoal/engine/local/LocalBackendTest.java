package dev.shoal.engine.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local back end with real shells and real processes. */
class LocalBackendTest {
  @TempDir Path dir;
  final BlockingQueue<BackendEvent> events = new LinkedBlockingQueue<>();
  LocalBackend backend;
  long nextId;

  @AfterEach
  void close() {
    if (backend != null) {
      backend.close();
    }
  }

  private TaskSpec task(
      String command, Map<String, String> env, List<FileRef> in, List<FileRef> out) {
    return new TaskSpec(
        new TaskId(++nextId), 0, command, dir, in, out, env, Resources.NONE, "default", null);
  }

  private BackendEvent next() throws InterruptedException {
    BackendEvent e = events.poll(30, TimeUnit.SECONDS);
    assertNotNull(e, "no event from the back end within 30 s");
    return e;
  }

  private TaskResult finish(TaskSpec t) throws InterruptedException {
    backend.submit(t);
    assertInstanceOf(BackendEvent.Started.class, next());
    BackendEvent e = next();
    assertEquals(t.id(), e.taskId());
    return ((BackendEvent.Finished) e).result();
  }

  @Test
  void submit_commandWithEnvironment_runsInWorkDirAndReportsExitCode() throws Exception {
    backend = new LocalBackend(events::add, false, System::nanoTime);
    TaskResult r =
        finish(
            task(
                "echo \"$GREETING $(pwd)\" > out.txt; exit 7",
                Map.of("GREETING", "it's"),
                List.of(),
                List.of()));

    assertEquals(TaskResult.Outcome.EXITED, r.outcome());
    assertEquals(7, r.exitCode());
    assertEquals("it's " + dir.toRealPath() + "\n", Files.readString(dir.resolve("out.txt")));
  }

  @Test
  void submit_manyTasksInSequence_reuseShellsAndKeepPidsDistinct() throws Exception {
    backend = new LocalBackend(events::add, false, System::nanoTime);
    for (int i = 0; i < 20; i++) {
      TaskResult r = finish(task("echo $$ > pid." + i, Map.of(), List.of(), List.of()));
      assertTrue(r.succeeded());
    }
    long distinct =
        java.util.stream.IntStream.range(0, 20)
            .mapToObj(
                i -> {
                  try {
                    return Files.readString(dir.resolve("pid." + i));
                  } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                })
            .distinct()
            .count();
    assertEquals(20, distinct, "$$ is each task's own pid, as with sh -c");
  }

  @Test
  void submit_syntaxError_failsLikeShC() throws Exception {
    backend = new LocalBackend(events::add, false, System::nanoTime);
    TaskResult r = finish(task("if then fi (", Map.of(), List.of(), List.of()));

    assertEquals(TaskResult.Outcome.EXITED, r.outcome());
    assertEquals(2, r.exitCode());
  }

  @Test
  void cancel_runningTask_stopsItsWholeTree() throws Exception {
    backend = new LocalBackend(events::add, false, System::nanoTime);
    TaskSpec t = task("sleep 60 & sleep 60; wait", Map.of(), List.of(), List.of());
    backend.submit(t);
    BackendEvent.Started s = (BackendEvent.Started) next();
    ProcessHandle root = ProcessHandle.of(Long.parseLong(s.jobId())).orElseThrow();
    List<ProcessHandle> tree = root.descendants().toList();

    backend.cancel(t.id());

    TaskResult r = ((BackendEvent.Finished) next()).result();
    assertEquals(TaskResult.Outcome.CANCELLED, r.outcome());
    assertFalse(root.isAlive());
    for (ProcessHandle p : tree) {
      assertTrue(p.onExit().get(10, TimeUnit.SECONDS) != null);
      assertFalse(p.isAlive(), "descendant " + p.pid() + " still alive");
    }
  }

  @Test
  void submit_sandbox_linksInputsUnderTaskNamesAndMovesOutputsBack() throws Exception {
    backend = new LocalBackend(events::add, true, System::nanoTime);
    Files.writeString(dir.resolve("data.txt"), "payload\n");
    TaskResult r =
        finish(
            task(
                "cat input > result; ls > listing",
                Map.of(),
                List.of(new FileRef("data.txt", "input")),
                List.of(new FileRef("out.txt", "result"), new FileRef("ls.txt", "listing"))));

    assertTrue(r.succeeded(), String.valueOf(r));
    assertEquals("payload\n", Files.readString(dir.resolve("out.txt")));
    assertEquals("input\nlisting\nresult\n", Files.readString(dir.resolve("ls.txt")));
    try (var s = Files.list(dir.resolve(".shoal-sandbox"))) {
      assertEquals(0, s.count(), "sandbox removed");
    }
  }

  @Test
  void submit_sandboxNameLeavingTheSandbox_isRefused() throws Exception {
    backend = new LocalBackend(events::add, true, System::nanoTime);
    Files.writeString(dir.resolve("data.txt"), "x");
    backend.submit(
        task("true", Map.of(), List.of(new FileRef("data.txt", "../escape")), List.of()));

    TaskResult r = ((BackendEvent.Finished) next()).result();
    assertEquals(TaskResult.Outcome.BACKEND_ERROR, r.outcome());
    assertTrue(r.message().contains("outside the task sandbox"), r.message());
  }
}
