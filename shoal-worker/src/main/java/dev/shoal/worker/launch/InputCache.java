package dev.shoal.worker.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ShoalExecutor}'s inputs kept for the run: an input with a cache key is downloaded once
 * (the first task that needs it downloads, the others wait for it) and hard-linked into every task
 * directory that names it, so a file shared by many tasks leaves the engine once per agent
 * (challenge 2). Lives in the executor's sandbox, which is emptied at SHUTDOWN. Past {@code
 * maxBytes} new files are no longer kept, only downloaded per task. A task that writes to an input
 * it was given changes the cached copy too, as with Work Queue's cache.
 *
 * <p>Thread-safe.
 */
final class InputCache {
  private final Path dir;
  private final long maxBytes;
  private final ConcurrentHashMap<String, CompletableFuture<Path>> files =
      new ConcurrentHashMap<>();
  private final AtomicInteger names = new AtomicInteger();
  private final AtomicLong bytes = new AtomicLong();

  InputCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /** Puts the content of {@code in} at {@code target}, from the cache when it can. */
  void fetch(LaunchSpec.Transfer in, Path target, Transfers transfers)
      throws IOException, InterruptedException {
    if (in.cacheKey() == null || bytes.get() >= maxBytes) {
      transfers.download(in.url(), target);
      return;
    }
    CompletableFuture<Path> mine = new CompletableFuture<>();
    CompletableFuture<Path> cached = files.putIfAbsent(in.cacheKey(), mine);
    if (cached == null) {
      cached = mine;
      try {
        Files.createDirectories(dir);
        Path file = dir.resolve("in-" + names.incrementAndGet());
        transfers.download(in.url(), file);
        bytes.addAndGet(Files.size(file));
        mine.complete(file);
      } catch (IOException | InterruptedException | RuntimeException e) {
        files.remove(in.cacheKey(), mine); // the next task tries again
        mine.completeExceptionally(e);
        throw e;
      }
    }
    Path file;
    try {
      file = cached.get();
    } catch (ExecutionException e) {
      transfers.download(in.url(), target); // the first download failed: try on our own
      return;
    }
    link(file, target);
  }

  /**
   * As {@link #fetch} for every input {@code ins[i]} to {@code targets[i]}, the ones the cache does
   * not hold yet downloaded in batches ({@link Batches}). Inputs another task is downloading are
   * waited for after this task's own downloads, so two tasks never wait for each other.
   */
  void fetchAll(List<LaunchSpec.Transfer> ins, List<Path> targets, Transfers transfers)
      throws IOException, InterruptedException {
    List<Batches.Item> downloads = new ArrayList<>();
    Map<Path, CompletableFuture<Path>> mine = new LinkedHashMap<>(); // cache file → its promise
    List<Path> mineTargets = new ArrayList<>();
    List<Integer> others = new ArrayList<>();
    boolean full = bytes.get() >= maxBytes;
    for (int i = 0; i < ins.size(); i++) {
      LaunchSpec.Transfer in = ins.get(i);
      if (in.cacheKey() == null || full) {
        downloads.add(new Batches.Item(in.url(), targets.get(i)));
        continue;
      }
      CompletableFuture<Path> promise = new CompletableFuture<>();
      if (files.putIfAbsent(in.cacheKey(), promise) != null) {
        others.add(i);
        continue;
      }
      Path file = dir.resolve("in-" + names.incrementAndGet());
      downloads.add(new Batches.Item(in.url(), file));
      mine.put(file, promise);
      mineTargets.add(targets.get(i));
    }
    try {
      Files.createDirectories(dir);
      Batches.downloadAll(transfers, downloads);
    } catch (IOException | InterruptedException | RuntimeException e) {
      files.values().removeAll(mine.values()); // the next task tries again
      mine.values().forEach(p -> p.completeExceptionally(e));
      throw e;
    }
    int k = 0;
    for (Map.Entry<Path, CompletableFuture<Path>> e : mine.entrySet()) {
      bytes.addAndGet(Files.size(e.getKey()));
      e.getValue().complete(e.getKey());
      link(e.getKey(), mineTargets.get(k++));
    }
    for (int i : others) {
      fetch(ins.get(i), targets.get(i), transfers); // waits for the other task's download
    }
  }

  /**
   * Starts downloading, in batches on a thread of its own, every input of {@code ins} whose key the
   * cache neither holds nor expects, for tasks about to run (a bundle's members): their {@link
   * #fetch}es then wait for it and link, one request for many short tasks' inputs instead of one
   * each. A failed download is left to each task's own fetch (which downloads alone).
   *
   * @return the thread, which the caller interrupts to stop it and joins before it ends; or {@code
   *     null} when there are no more than {@link Batches#FROM} to download (a batch would not pay)
   */
  Thread prefetch(List<LaunchSpec.Transfer> ins, Transfers transfers) {
    long missing =
        ins.stream()
            .filter(in -> in.cacheKey() != null && !files.containsKey(in.cacheKey()))
            .count();
    if (missing <= Batches.FROM) {
      return null;
    }
    List<Batches.Item> downloads = new ArrayList<>();
    Map<Path, CompletableFuture<Path>> mine = new LinkedHashMap<>();
    for (LaunchSpec.Transfer in : ins) {
      if (in.cacheKey() == null || bytes.get() >= maxBytes) {
        continue;
      }
      CompletableFuture<Path> promise = new CompletableFuture<>();
      if (files.putIfAbsent(in.cacheKey(), promise) == null) {
        Path file = dir.resolve("in-" + names.incrementAndGet());
        downloads.add(new Batches.Item(in.url(), file));
        mine.put(file, promise);
      }
    }
    return Thread.ofVirtual()
        .start(
            () -> {
              try {
                Files.createDirectories(dir);
                Batches.downloadAll(transfers, downloads);
                for (Map.Entry<Path, CompletableFuture<Path>> e : mine.entrySet()) {
                  bytes.addAndGet(Files.size(e.getKey()));
                  e.getValue().complete(e.getKey());
                }
              } catch (IOException | InterruptedException | RuntimeException e) {
                files.values().removeAll(mine.values());
                mine.values().forEach(p -> p.completeExceptionally(e));
              }
            });
  }

  private static void link(Path file, Path target) throws IOException {
    Files.deleteIfExists(target);
    try {
      Files.createLink(target, file);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING); // another file system
    }
  }
}
