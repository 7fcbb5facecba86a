package dev.shoal.mesos.backend;

import com.sun.net.httpserver.HttpExchange;
import dev.shoal.worker.launch.DirStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The {@link FileServer}'s side of a directory on {@code /f/<token>} ({@link DirStream}: the wire
 * format): a served directory is sent whole, an uploaded one is received whole beside its staged
 * target and renamed to it only then, so a cut upload leaves nothing. A directory that the format
 * refuses (a link leaving it, a malformed or hostile stream) is answered with a 4xx and a text body
 * saying why, and logged.
 *
 * <p>Stateless; called on the server's request threads.
 */
final class DirTransfers {
  private static final System.Logger LOG = System.getLogger(DirTransfers.class.getName());

  private DirTransfers() {}

  /**
   * The listing of served directory {@code dir}, or {@code null} when it is refused (the request
   * was answered {@code 403}).
   */
  static DirStream.Listing list(HttpExchange ex, Path dir) throws IOException {
    try {
      return DirStream.list(dir);
    } catch (DirStream.Refused e) {
      refuse(ex, 403, e.getMessage());
      return null;
    }
  }

  /** Sends {@code listing} as the answer; returns its size in bytes. */
  static long send(HttpExchange ex, DirStream.Listing listing) throws IOException {
    ex.getResponseHeaders().set("Content-Type", DirStream.CONTENT_TYPE);
    ex.sendResponseHeaders(200, listing.bytes());
    try (OutputStream out = new BufferedOutputStream(ex.getResponseBody(), 64 * 1024)) {
      DirStream.write(listing, out);
    }
    return listing.bytes();
  }

  /**
   * Receives the directory in {@code in} (the request's body, {@code size} bytes) as {@code tmp}
   * and renames it to {@code target} (replacing one a retried upload left) when whole; on any
   * failure deletes {@code tmp}. A refused stream is answered {@code 400}; a cut one throws.
   *
   * @param cutAfter test hook: the stream breaks after that many bytes (negative: never)
   * @return whether the directory was received
   */
  static boolean receive(HttpExchange ex, Path target, Path tmp, long size, long cutAfter)
      throws IOException {
    Files.createDirectories(target.getParent());
    InputStream body = ex.getRequestBody();
    if (cutAfter >= 0) {
      body = new Cut(body, cutAfter);
    }
    try {
      DirStream.read(new BufferedInputStream(body, 64 * 1024), tmp);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        TaskFiles.deleteTree(target);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return true;
    } catch (DirStream.Refused e) {
      refuse(ex, 400, "not a directory stream of " + size + " bytes: " + e.getMessage());
      return false;
    } finally {
      if (tmp != null) {
        TaskFiles.deleteTree(tmp);
      }
    }
  }

  private static void refuse(HttpExchange ex, int status, String why) throws IOException {
    LOG.log(
        System.Logger.Level.INFO, "directory from {0} refused: {1}", ex.getRemoteAddress(), why);
    byte[] body = why.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** A stream that breaks after {@code left} bytes, as a connection cut mid-upload would. */
  private static final class Cut extends FilterInputStream {
    private long left;

    Cut(InputStream in, long left) {
      super(in);
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("directory upload cut by the test hook");
      }
      int n = super.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
