package dev.shoal.worker.launch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves files between the sandbox and the engine's file server. A busy server answers 503 with
 * {@code Retry-After}; that, a broken connection and a 5xx are retried with a jittered back-off, up
 * to {@code attempts} times. A download lands in a temporary name and is renamed when whole. A
 * directory moves whole, as one {@link DirStream}, on its own URL.
 */
final class Transfers {
  private final int attempts;

  Transfers(int attempts) {
    this.attempts = attempts;
  }

  // HttpURLConnection, not java.net.http: it loads in a fraction of the time, and the launcher
  // pays its start-up once per task. A transfer that went well leaves its connection to the JDK's
  // keep-alive cache (the Shoal executor makes several per task to the same server); one that
  // failed is disconnected.

  /**
   * Downloads {@code url} to {@code target}: a file, or a directory when the server answers with a
   * {@link DirStream} (then made whole beside {@code target} and renamed to it).
   */
  void download(String url, Path target) throws IOException, InterruptedException {
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      HttpURLConnection c = open(url);
      try {
        int status = c.getResponseCode();
        if (status == 200) {
          try (InputStream in = c.getInputStream()) {
            if (DirStream.CONTENT_TYPE.equals(c.getContentType())) {
              delete(tmp);
              DirStream.read(new BufferedInputStream(in, 64 * 1024), tmp);
              LaunchRun.empty(target);
              Files.deleteIfExists(target);
            } else {
              Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
          }
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          c = null; // read to its end and closed: the connection can be used again
          return;
        }
        last = new IOException("GET " + url + " answered " + status + why(c));
        if (status < 500) {
          throw last; // 404: the engine does not serve it (any more); no retry helps
        }
        pause(i, c.getHeaderField("Retry-After"));
      } catch (IOException e) {
        delete(tmp);
        if (e == last || e instanceof DirStream.Refused) {
          throw e;
        }
        last = e;
        pause(i, null);
      } finally {
        if (c != null) {
          c.disconnect();
        }
      }
    }
    throw new IOException("cannot download " + url + " after " + attempts + " attempts", last);
  }

  /** Deletes {@code p}, a file or a directory tree, if it is there. */
  private static void delete(Path p) throws IOException {
    LaunchRun.empty(p);
    Files.deleteIfExists(p);
  }

  /** The text of an error answer, for the message: the engine says why it refused. */
  private static String why(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err == null) {
        return "";
      }
      String text = new String(err.readNBytes(2048), StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : ": " + text;
    } catch (IOException e) {
      return "";
    }
  }

  /**
   * Uploads {@code file} to {@code url}: a regular file, or a directory as a {@link DirStream}.
   *
   * @throws DirStream.Refused at once (no retry helps) for a directory the format does not carry
   */
  void upload(Path file, String url) throws IOException, InterruptedException {
    DirStream.Listing dir =
        Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) ? DirStream.list(file) : null;
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      HttpURLConnection c = open(url);
      try {
        c.setRequestMethod("PUT");
        c.setDoOutput(true);
        if (dir != null) {
          c.setRequestProperty("Content-Type", DirStream.CONTENT_TYPE);
          c.setFixedLengthStreamingMode(dir.bytes());
          try (OutputStream out = new BufferedOutputStream(c.getOutputStream(), 64 * 1024)) {
            DirStream.write(dir, out);
          }
        } else {
          c.setFixedLengthStreamingMode(Files.size(file));
          try (OutputStream out = c.getOutputStream()) {
            Files.copy(file, out);
          }
        }
        int status = c.getResponseCode();
        if (status / 100 == 2) {
          c.getInputStream().close(); // no body: the connection can be used again
          c = null;
          return;
        }
        last = new IOException("PUT " + url + " answered " + status + why(c));
        if (status < 500) {
          throw last;
        }
        pause(i, c.getHeaderField("Retry-After"));
      } catch (IOException e) {
        if (e == last) {
          throw e;
        }
        last = e;
        pause(i, null);
      } finally {
        if (c != null) {
          c.disconnect();
        }
      }
    }
    throw new IOException("cannot upload to " + url + " after " + attempts + " attempts", last);
  }

  /** How many times a transfer is tried. */
  int attempts() {
    return attempts;
  }

  static HttpURLConnection open(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(600_000);
    return c;
  }

  /** How many transfers of one task run at once ({@link #each}). */
  static final int LANES = 4;

  /** One transfer of a task. */
  interface Step<T> {
    void run(T item) throws IOException, InterruptedException;
  }

  /**
   * Runs {@code step} on every item, {@link #LANES} at once when there are several: a task with
   * thousands of small inputs or outputs (SHRIMP's split and combine) waits for round trips, not
   * bandwidth. The engine's file server bounds the transfers of all tasks anyway (a 503 is
   * retried). After a failure no new item is started; the first failure is thrown once every lane
   * has stopped.
   */
  static <T> void each(List<T> items, Step<T> step) throws IOException, InterruptedException {
    if (items.size() <= 1) {
      for (T item : items) {
        step.run(item);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failed = new AtomicReference<>();
    List<Thread> lanes = new ArrayList<>();
    for (int l = 0; l < Math.min(LANES, items.size()); l++) {
      lanes.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = next.getAndIncrement();
                        i < items.size() && failed.get() == null;
                        i = next.getAndIncrement()) {
                      try {
                        step.run(items.get(i));
                      } catch (IOException | InterruptedException | RuntimeException e) {
                        failed.compareAndSet(null, e);
                      }
                    }
                  }));
    }
    try {
      for (Thread t : lanes) {
        t.join();
      }
    } catch (InterruptedException e) {
      lanes.forEach(Thread::interrupt);
      throw e;
    }
    switch (failed.get()) {
      case null -> {}
      case IOException e -> throw e;
      case InterruptedException e -> throw e;
      case RuntimeException e -> throw e;
      default -> throw new IllegalStateException(failed.get());
    }
  }

  void uploadText(String text, Path scratch, String url) throws IOException, InterruptedException {
    Files.writeString(scratch, text);
    upload(scratch, url);
  }

  /** 50 ms doubling to 2 s, at least what the server asked, with jitter so clients spread out. */
  static void pause(int attempt, String retryAfter) throws InterruptedException {
    long ms = Math.min(2000, 50L << Math.min(attempt, 6));
    if (retryAfter != null) {
      try {
        ms = Math.max(ms, Long.parseLong(retryAfter.trim()) * 1000);
      } catch (NumberFormatException e) {
        // an HTTP date: keep our own back-off
      }
    }
    Thread.sleep(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }
}
