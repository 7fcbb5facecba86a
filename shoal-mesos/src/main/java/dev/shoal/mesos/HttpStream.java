package dev.shoal.mesos;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP/1.1 POST on its own socket whose response body is read as a stream: the SUBSCRIBE
 * request. A raw socket rather than {@code java.net.http.HttpClient} because the subscription is a
 * response that never ends and must be abandoned on a heartbeat timeout: a socket read timeout
 * detects the silence, and closing the socket from another thread reliably wakes the reader.
 *
 * <p>Not thread-safe except {@link #close}, which any thread may call.
 */
final class HttpStream implements AutoCloseable {
  private static final int MAX_LINE = 8192;
  private static final int MAX_HEADERS = 100;

  private final Socket socket;
  private final int status;
  private final Map<String, String> headers;
  private final InputStream body;

  private HttpStream(Socket socket, int status, Map<String, String> headers, InputStream body) {
    this.socket = socket;
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /** Connects, sends {@code json} and reads the status line and headers. */
  static HttpStream post(URI uri, String json, int timeoutMillis) throws IOException {
    if (!"http".equals(uri.getScheme())) {
      throw new IOException("only http:// masters are supported, not " + uri);
    }
    Socket socket = new Socket();
    try {
      int port = uri.getPort() < 0 ? 80 : uri.getPort();
      socket.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      socket.setTcpNoDelay(true);
      byte[] body = json.getBytes(StandardCharsets.UTF_8);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String head =
          "POST "
              + path
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + port
              + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = line(in);
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
        throw new IOException("not an HTTP/1.x response: " + statusLine);
      }
      int status = Integer.parseInt(parts[1]);
      Map<String, String> headers = new TreeMap<>();
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon <= 0 || headers.size() >= MAX_HEADERS) {
          throw new IOException("bad HTTP header line: " + h);
        }
        headers.put(
            h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      InputStream bodyIn;
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        bodyIn = new Chunked(in);
      } else if (headers.containsKey("content-length")) {
        bodyIn = new Bounded(in, Long.parseLong(headers.get("content-length")));
      } else {
        bodyIn = in;
      }
      return new HttpStream(socket, status, headers, bodyIn);
    } catch (NumberFormatException e) {
      socket.close();
      throw new IOException("bad HTTP response: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  int status() {
    return status;
  }

  /** A response header by case-insensitive name, or {@code null}. */
  String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  InputStream body() {
    return body;
  }

  /** The body as text, at most {@code limit} bytes: for error messages. */
  String bodyText(int limit) throws IOException {
    return new String(body.readNBytes(limit), StandardCharsets.UTF_8).strip();
  }

  /** How long a read may block before it fails with a SocketTimeoutException. */
  void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a socket only fails if it is already broken; nothing is left to release.
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed inside an HTTP header");
      }
      if (b.size() >= MAX_LINE) {
        throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
      }
      b.write(c);
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** Decodes {@code Transfer-Encoding: chunked}; trailers are skipped. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (len == 0) {
        // As InputStream requires, and readNBytes asks for 0 bytes once it has all it wants:
        // reading
        // the next chunk's size here would hold the record back until the next event arrived.
        return 0;
      }
      if (left == 0) {
        String size = line(in);
        int semi = size.indexOf(';');
        try {
          left = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad HTTP chunk size: " + size);
        }
        if (left < 0) {
          throw new IOException("bad HTTP chunk size: " + size);
        }
        if (left == 0) {
          while (!line(in).isEmpty()) {}
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("connection closed inside an HTTP chunk");
      }
      left -= n;
      if (left == 0 && !line(in).isEmpty()) {
        throw new IOException("HTTP chunk not followed by CRLF");
      }
      return n;
    }
  }

  /** A body with a Content-Length. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      if (left <= 0) {
        return -1;
      }
      int c = in.read();
      left--;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
