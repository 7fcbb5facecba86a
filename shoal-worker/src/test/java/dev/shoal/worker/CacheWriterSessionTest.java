package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.wire.FileFlag;
import dev.shoal.wire.FileFlags;
import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.Payload;
import dev.shoal.wire.TaskFile;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WorkerMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small puts stored on the worker's writer threads ({@link CacheWriter}), through a real worker
 * process: whatever reads an entry right after its put (a task, {@code get}, {@code unlink}) sees
 * it whole, and a put that cannot be stored is answered and fails its task as a synchronous one
 * does.
 */
class CacheWriterSessionTest {
  private static TaskFile cached(String cacheName, String sandboxName) {
    return new TaskFile(cacheName, sandboxName, FileFlags.of(FileFlag.CACHE));
  }

  @Test
  void task_sentRightAfterItsPuts_seesEveryInputWhole(@TempDir Path dir) throws Exception {
    try (FakeManager m = new FakeManager();
        WorkerProcess w = WorkerProcess.ofManager(dir, m.port())) {
      m.accept();
      Random rnd = new Random(11);
      List<TaskFile> inputs = new ArrayList<>();
      Map<String, Long> sizes = new HashMap<>();
      long total = 0;
      List<ManagerMessage> batch = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        byte[] b = new byte[1 + rnd.nextInt(64 << 10)];
        rnd.nextBytes(b);
        String name = "file-" + i + "-in";
        batch.add(new ManagerMessage.Put(name, Payload.of(b), 0644));
        inputs.add(cached(name, String.format("in.%03d", i)));
        sizes.put(name, (long) b.length);
        total += b.length;
      }
      batch.add(
          new ManagerMessage.Task(
              Protocol11SessionTest.task(1, "cat in.* | wc -c", 1.0, 100.0, inputs, List.of())));
      m.send(batch.toArray(ManagerMessage[]::new));

      Map<String, Long> updated = new HashMap<>();
      while (updated.size() < 300) {
        WorkerMessage.CacheUpdate u = m.next(WorkerMessage.CacheUpdate.class);
        updated.put(u.name(), u.size());
      }
      assertEquals(sizes, updated, "one cache-update with the right size per put");
      m.next(WorkerMessage.AvailableResults.class);
      List<WorkerMessage.Result> rs = m.results();
      assertEquals(TaskStatus.SUCCESS, rs.get(0).status(), rs.get(0).stdout().asUtf8());
      assertEquals(Long.toString(total), rs.get(0).stdout().asUtf8().trim());
      assertEquals(sizes.get("file-7-in"), Files.size(w.cached("file-7-in")));
    }
  }

  @Test
  void getAndUnlink_rightAfterPut_seeTheWholeEntry(@TempDir Path dir) throws Exception {
    try (FakeManager m = new FakeManager();
        WorkerProcess w = WorkerProcess.ofManager(dir, m.port())) {
      m.accept();
      byte[] big = new byte[CacheWriter.MAX_SMALL];
      new Random(5).nextBytes(big);
      m.send(
          new ManagerMessage.Put("file-big", Payload.of(big), 0600),
          new ManagerMessage.Get("file-big", false));
      WorkerMessage.FileData f = m.next(WorkerMessage.FileData.class);
      assertArrayEquals(big, f.data().toByteArray());
      m.next(Message.End.class);

      m.send(
          new ManagerMessage.Put("file-gone", Payload.of(big), 0600),
          new ManagerMessage.Unlink("file-gone"));
      m.barrier();
      assertFalse(Files.exists(w.cached("file-gone")), "unlink waits for the write, then removes");
      assertTrue(Files.exists(w.cached("file-big")));
    }
  }

  @Test
  void put_thatCannotBeStored_isCacheInvalid_andItsTaskInputMissing(@TempDir Path dir)
      throws Exception {
    try (FakeManager m = new FakeManager();
        WorkerProcess w = WorkerProcess.ofManager(dir, m.port())) {
      m.accept();
      String tooLong = "f".repeat(300); // one path component over the file system's 255 bytes
      m.send(
          new ManagerMessage.Put(tooLong, Payload.utf8("x"), 0644),
          new ManagerMessage.Task(
              Protocol11SessionTest.task(
                  2, "cat in", 1.0, 100.0, List.of(cached(tooLong, "in")), List.of())));
      WorkerMessage.CacheInvalid inv = m.next(WorkerMessage.CacheInvalid.class);
      assertEquals(tooLong, inv.name());
      m.next(WorkerMessage.AvailableResults.class);
      List<WorkerMessage.Result> rs = m.results();
      assertEquals(TaskStatus.INPUT_MISSING, rs.get(0).status());
      assertTrue(w.log().contains("cannot store " + tooLong), w.log());
      m.send(new ManagerMessage.Exit());
      assertEquals(0, w.waitFor(Duration.ofSeconds(20)), w.log());
    }
  }
}
