package dev.shoal.worker.launch;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP to the agent's {@code /api/v1/executor}: the SUBSCRIBE whose response is the executor's
 * RecordIO event stream ({@code <length>\n<json>}), and short POSTs for the other calls, answered
 * {@code 202}. {@code HttpURLConnection} for its start-up cost (see {@link Transfers}); keep-alive
 * reuses the connection of the calls. Thread-safe: each call opens its own exchange.
 */
final class AgentClient {
  private static final int MAX_RECORD = 64 << 20;

  private final URI endpoint;

  /**
   * @param agentEndpoint {@code host:port}, as in {@code MESOS_AGENT_ENDPOINT}
   */
  AgentClient(String agentEndpoint) {
    this.endpoint = URI.create("http://" + agentEndpoint + "/api/v1/executor");
  }

  /** An open event stream; {@link #close} ends it (and wakes a blocked {@link #next}). */
  static final class Stream implements AutoCloseable {
    private final HttpURLConnection connection;
    private final InputStream in;

    private Stream(HttpURLConnection connection, InputStream in) {
      this.connection = connection;
      this.in = in;
    }

    /** The next record's JSON, or {@code null} at the end of the stream. */
    String next() throws IOException {
      long length = 0;
      int digits = 0;
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0 && digits == 0) {
          return null;
        }
        if (b < '0' || b > '9' || ++digits > 10) {
          throw new IOException("malformed RecordIO length from the agent");
        }
        length = length * 10 + (b - '0');
      }
      if (length > MAX_RECORD) {
        throw new IOException("RecordIO record of " + length + " bytes exceeds " + MAX_RECORD);
      }
      // A loop that never asks for 0 bytes: a chunked stream may then wait for the next chunk.
      byte[] record = new byte[(int) length];
      for (int got = 0; got < length; ) {
        int n = in.read(record, got, (int) length - got);
        if (n < 0) {
          throw new EOFException("the agent's stream ended inside a record");
        }
        got += n;
      }
      return new String(record, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
      // disconnect() first: closing a chunked stream first would drain it, that is wait for the
      // agent to end a stream that never ends.
      connection.disconnect();
      try {
        in.close();
      } catch (IOException e) {
        // already broken
      }
    }
  }

  /** POSTs SUBSCRIBE and returns the event stream. */
  Stream subscribe(String json) throws IOException {
    HttpURLConnection c = post(json, 0);
    int status = c.getResponseCode();
    if (status != 200) {
      String why = text(c);
      c.disconnect();
      throw new IOException("SUBSCRIBE answered " + status + ": " + why);
    }
    return new Stream(c, c.getInputStream());
  }

  /** POSTs a call other than SUBSCRIBE; throws unless the agent answers 202. */
  void send(String json) throws IOException {
    HttpURLConnection c = post(json, 30_000);
    int status = c.getResponseCode();
    if (status != 202) {
      throw new IOException("call answered " + status + ": " + text(c));
    }
    c.getInputStream().close(); // not disconnect(): the connection goes back to the keep-alive pool
  }

  private HttpURLConnection post(String json, int readTimeoutMs) throws IOException {
    HttpURLConnection c = (HttpURLConnection) endpoint.toURL().openConnection();
    c.setConnectTimeout(10_000);
    c.setReadTimeout(readTimeoutMs);
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.setRequestProperty("Accept", "application/json");
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    c.setFixedLengthStreamingMode(body.length);
    try (OutputStream out = c.getOutputStream()) {
      out.write(body);
    }
    return c;
  }

  private static String text(HttpURLConnection c) {
    try (InputStream err = c.getErrorStream()) {
      if (err == null) {
        return "";
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      err.transferTo(b);
      return b.toString(StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "";
    }
  }
}
