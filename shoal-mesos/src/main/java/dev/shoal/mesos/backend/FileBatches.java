package dev.shoal.mesos.backend;

import com.sun.net.httpserver.HttpExchange;
import dev.shoal.worker.launch.FileBatch;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The {@link FileServer}'s batch requests ({@link FileBatch}: the wire format): many declared files
 * in one download or one upload. Every token of a batch is checked before a byte moves: one the
 * server does not serve (or accept) refuses the whole batch with {@code 404} and a text body naming
 * it. A batch takes one transfer slot, as one file does. Each uploaded file is committed as a
 * single {@code PUT} is (a new file beside its target, renamed when whole), in order: a cut stream
 * leaves the files before it committed (they are staged, not yet in the workflow) and no trace of
 * the one cut, and the attempt's launcher tries the batch again or fails the attempt.
 *
 * <p>Threading: called on the server's request threads; thread-safe.
 */
final class FileBatches {
  private static final System.Logger LOG = System.getLogger(FileBatches.class.getName());

  private final FileServer server;
  private final AtomicLong requests = new AtomicLong();
  private volatile Predicate<Path> cut = target -> false;

  FileBatches(FileServer server) {
    this.server = server;
  }

  /**
   * Test hook: a batch upload whose first file goes to a target {@code cut} accepts is cut after
   * that file, as a connection broken mid-stream would be (the client sees the connection close
   * without an answer).
   */
  void cutUploads(Predicate<Path> cut) {
    this.cut = cut;
  }

  /** Batch requests answered whole so far (downloads and uploads). */
  long requests() {
    return requests.get();
  }

  void get(HttpExchange ex) throws IOException, InterruptedException {
    List<String> tokens;
    try {
      tokens = FileBatch.readTokens(ex.getRequestBody());
    } catch (IOException e) {
      refuse(ex, 400, "not a batch download: " + e.getMessage());
      return;
    }
    List<FileServer.Served> files = new ArrayList<>(tokens.size());
    long[] sizes = new long[tokens.size()];
    long length = 0;
    boolean limited = false;
    for (int i = 0; i < tokens.size(); i++) {
      FileServer.Served s = server.served(tokens.get(i));
      if (s == null || !Files.isRegularFile(s.file())) {
        refuse(ex, 404, unknown(i, tokens.size(), "served"));
        return;
      }
      files.add(s);
      sizes[i] = Files.size(s.file());
      length += 8 + sizes[i];
      limited |= s.limited();
    }
    if (limited && !server.enterDownload(ex)) {
      return;
    }
    try {
      long start = System.nanoTime();
      long bytes = 0;
      ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
      // A fixed length, not chunked: the sizes are known, and the client reads to the end anyway.
      ex.sendResponseHeaders(200, length);
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(ex.getResponseBody(), 64 * 1024))) {
        for (int i = 0; i < files.size(); i++) {
          out.writeLong(sizes[i]);
          try (InputStream in = Files.newInputStream(files.get(i).file())) {
            FileBatch.copy(in, out, sizes[i]); // a file that shrank meanwhile breaks the stream
          }
          bytes += sizes[i];
        }
      }
      requests.incrementAndGet();
      if (limited) {
        server.countDownload(files.size(), bytes, System.nanoTime() - start);
      }
    } finally {
      if (limited) {
        server.leaveDownload();
      }
    }
  }

  void put(HttpExchange ex) throws IOException, InterruptedException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      refuse(ex, 411, "a batch upload needs a Content-Length");
      return;
    }
    long expected;
    List<FileBatch.Entry> entries;
    InputStream in = new BufferedInputStream(ex.getRequestBody(), 64 * 1024);
    try {
      expected = Long.parseLong(length.trim());
      entries = FileBatch.readManifest(in);
    } catch (IOException | NumberFormatException e) {
      refuse(ex, 400, "not a batch upload: " + e.getMessage());
      return;
    }
    List<Path> targets = new ArrayList<>(entries.size());
    long total = FileBatch.manifestBytes(entries);
    for (int i = 0; i < entries.size(); i++) {
      Path target = server.uploadTarget(entries.get(i).token());
      if (target == null) {
        refuse(ex, 404, unknown(i, entries.size(), "accepted"));
        return;
      }
      targets.add(target);
      total += entries.get(i).size();
    }
    if (total != expected) {
      refuse(
          ex,
          400,
          "the batch's manifest adds up to " + total + " bytes, its Content-Length is " + expected);
      return;
    }
    if (!server.enterUpload(ex)) {
      return;
    }
    try {
      for (int i = 0; i < targets.size(); i++) {
        server.receive(in, targets.get(i), entries.get(i).size());
        if (i == 0 && cut.test(targets.getFirst())) {
          throw new IOException("batch upload cut by the test hook");
        }
      }
      ex.sendResponseHeaders(201, -1);
      requests.incrementAndGet();
    } finally {
      server.leaveUpload();
    }
  }

  private static String unknown(int i, int n, String what) {
    return "file "
        + (i + 1)
        + " of the batch of "
        + n
        + " is not "
        + what
        + " by this run (a token never declared, or revoked when its attempt ended): nothing"
        + " was transferred — ask again with the files of a live attempt only";
  }

  /** Answers {@code status} with {@code why} as text, and logs it. */
  private static void refuse(HttpExchange ex, int status, String why) throws IOException {
    LOG.log(System.Logger.Level.INFO, "batch from {0} refused: {1}", ex.getRemoteAddress(), why);
    byte[] body = why.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
