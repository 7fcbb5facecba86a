package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.wire.FileFlags;
import dev.shoal.wire.TaskFile;
import dev.shoal.wire.TaskSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheTest {
  @TempDir Path tmp;

  @Test
  void put_storesEntryInItsShard_underItsOwnName() throws IOException {
    Cache cache = new Cache(tmp.resolve("cache"));
    cache.put("in.3.7", "hello".getBytes(StandardCharsets.UTF_8), 0640);
    Path shard = tmp.resolve("cache").resolve(Cache.shardName(Cache.shard("in.3.7")));
    assertEquals(shard.resolve("in.3.7"), cache.path("in.3.7"));
    assertArrayEquals(
        "hello".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(cache.path("in.3.7")));
    assertEquals(0640, Trees.mode(cache.path("in.3.7")) & 0777);
    assertTrue(cache.contains("in.3.7"));
    assertFalse(cache.contains("in.3.8"));
  }

  @Test
  void shard_spreadsBenchmarkNames_overEveryShardEvenly() {
    int[] count = new int[Cache.SHARDS];
    int n = 100_000;
    for (int k = 0; k < 1000; k++) {
      for (int j = 0; j < 100; j++) {
        count[Cache.shard("file-" + (k * 100 + j) + "-in." + k + "." + j)]++;
      }
    }
    int avg = n / Cache.SHARDS;
    for (int i = 0; i < Cache.SHARDS; i++) {
      assertTrue(count[i] > avg / 3 && count[i] < avg * 3, "shard " + i + " holds " + count[i]);
    }
  }

  @Test
  void replace_existingEntry_goesThroughATemporaryAndKeepsOneEntry() throws IOException {
    Cache cache = new Cache(tmp.resolve("cache"));
    cache.put("x", new byte[] {1}, 0644);
    Path linked = tmp.resolve("link");
    Files.createLink(linked, cache.path("x"));
    cache.put("x", new ByteArrayInputStream(new byte[] {2, 3}), 0644);
    assertArrayEquals(new byte[] {2, 3}, Files.readAllBytes(cache.path("x")));
    assertArrayEquals(
        new byte[] {1}, Files.readAllBytes(linked), "a task's link keeps the old file");
  }

  @Test
  void clear_removesEntriesAndPartials_keepsShards() throws IOException {
    Cache cache = new Cache(tmp.resolve("cache"));
    for (int i = 0; i < 300; i++) {
      cache.put("f" + i, new byte[] {(byte) i}, 0644);
    }
    Files.createDirectories(cache.path("d").resolve("sub"));
    Files.createDirectory(cache.temp());
    cache.clear();
    for (int i = 0; i < 300; i++) {
      assertFalse(cache.contains("f" + i));
    }
    assertFalse(cache.contains("d"));
    try (var left = Files.list(tmp.resolve("cache"))) {
      for (Path p : left.toList()) {
        assertTrue(Files.isDirectory(p), "only shard directories are left: " + p);
        try (var in = Files.list(p)) {
          assertEquals(0, in.count(), "shard " + p + " is empty");
        }
      }
    }
    cache.put("again", new byte[] {7}, 0644);
    assertTrue(cache.contains("again"), "the cache is usable after clear");
  }

  @Test
  void reopen_existingCache_findsItsEntries_andClearsThem() throws IOException {
    new Cache(tmp.resolve("cache")).put("kept", new byte[] {9}, 0644);
    Cache again = new Cache(tmp.resolve("cache"));
    assertTrue(again.contains("kept"));
    again.clear();
    assertFalse(again.contains("kept"), "clear empties shards an earlier cache made");
  }

  @Test
  void sandboxAndRemove_waitForAWriteInProgress() throws Exception {
    Cache cache = new Cache(tmp.resolve("cache"));
    CompletableFuture<Void> writing = new CompletableFuture<>();
    cache.writing("in-1", writing);
    TaskSpec spec =
        Protocol11SessionTest.task(
            1, "true", 1.0, 10.0, List.of(new TaskFile("in-1", "in", FileFlags.NONE)), List.of());
    CompletableFuture<TaskSandbox> box =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return TaskSandbox.create(tmp.resolve("t.1"), spec, cache);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThrows(
        TimeoutException.class,
        () -> box.get(300, TimeUnit.MILLISECONDS),
        "the sandbox waits for its input's write (else: input missing at once)");
    cache.put("in-1", ByteBuffer.wrap(new byte[] {4, 2}), 0644);
    cache.written("in-1", writing);
    writing.complete(null);
    assertArrayEquals(
        new byte[] {4, 2}, Files.readAllBytes(box.get(10, TimeUnit.SECONDS).path("in")));

    CompletableFuture<Void> again = new CompletableFuture<>();
    cache.writing("in-2", again);
    CompletableFuture<Void> removed =
        CompletableFuture.runAsync(
            () -> {
              try {
                cache.remove("in-2");
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    assertThrows(TimeoutException.class, () -> removed.get(300, TimeUnit.MILLISECONDS));
    cache.put("in-2", ByteBuffer.wrap(new byte[] {1}), 0644);
    cache.written("in-2", again);
    again.complete(null);
    removed.get(10, TimeUnit.SECONDS);
    assertFalse(cache.contains("in-2"), "unlink removes what the write stored, not before it");
  }

  @Test
  void topDir_marksDirectoriesWhereSupported_andNeverFails() throws Exception {
    Path a = Files.createDirectory(tmp.resolve("a"));
    Path gone = tmp.resolve("gone");
    Log log = new Log(System.err, false);
    boolean marked = TopDir.start(List.of(a), log::debug).await();
    assertFalse(
        TopDir.start(List.of(gone), log::debug).await(), "a missing directory is not marked");
    Process lsattr;
    try {
      lsattr = new ProcessBuilder("lsattr", "-d", a.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      return; // no e2fsprogs here: nothing more to check
    }
    assertTrue(lsattr.waitFor(10, TimeUnit.SECONDS));
    String attrs = new String(lsattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (lsattr.exitValue() == 0) {
      String flags = attrs.split(" ")[0];
      assertEquals(marked, flags.contains("T"), "await() tells whether the mark was set: " + attrs);
    }
  }
}
