package dev.shoal.wq.status;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks one manager for its status directly, as {@code work_queue_status HOST PORT} does: connect,
 * send {@code <kind>_status\n}, read one JSON array until the manager closes. Works against
 * cctools' managers and Shoal's. Stateless; each call uses its own socket.
 */
public final class StatusQuery {
  /** Answers larger than this are refused (a manager with 100k tasks sends about 30 MB). */
  static final int MAX_REPLY = 64 << 20;

  private StatusQuery() {}

  /**
   * The objects the manager at {@code host:port} answers to {@code kind}.
   *
   * @param timeout bound on connecting and on each wait for data
   * @throws IOException when the manager cannot be reached, stalls, or answers something other than
   *     a JSON array
   */
  public static List<JxObject> ask(String host, int port, StatusKind kind, Duration timeout)
      throws IOException {
    String where = host + ":" + port;
    try (Socket s = new Socket()) {
      int ms = (int) Math.max(1, timeout.toMillis());
      s.connect(new InetSocketAddress(host, port), ms);
      s.setSoTimeout(ms);
      s.getOutputStream().write((kind.request() + "\n").getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
      String body = readAll(s.getInputStream(), where);
      return parse(body, where);
    } catch (SocketTimeoutException e) {
      throw new IOException(
          "manager at " + where + " did not answer within " + timeout.toSeconds() + " s", e);
    }
  }

  private static String readAll(InputStream in, String where) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    for (int n; (n = in.read(buf)) >= 0; ) {
      out.write(buf, 0, n);
      if (out.size() > MAX_REPLY) {
        throw new IOException("answer of " + where + " exceeds " + (MAX_REPLY >> 20) + " MB");
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Parses a status answer: a JSON array of objects; anything else in the array is skipped. */
  static List<JxObject> parse(String body, String where) throws IOException {
    if (body.isBlank()) {
      throw new IOException(
          where + " closed without answering: is it a Work Queue manager's port?");
    }
    JxValue v;
    try {
      v = Json.parse(body, where);
    } catch (JxSyntaxException e) {
      throw new IOException(where + " answered something that is not JSON: " + e.getMessage(), e);
    }
    if (!(v instanceof JxArray(List<JxValue> items))) {
      throw new IOException(where + " answered JSON that is not an array");
    }
    List<JxObject> out = new ArrayList<>();
    for (JxValue item : items) {
      if (item instanceof JxObject o) {
        out.add(o);
      }
    }
    return List.copyOf(out);
  }
}
