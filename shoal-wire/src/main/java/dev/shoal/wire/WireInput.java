package dev.shoal.wire;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bounded reading of protocol lines and payloads. Never allocates more than {@link
 * WireLimits#maxLineBytes()} for a line or {@link WireLimits#maxPayloadBytes()} for a payload; a
 * read blocks only as long as the underlying stream does (set a socket timeout to bound it). Not
 * thread-safe: one reader per connection.
 */
final class WireInput {
  private final InputStream in;
  private final WireLimits limits;
  private final byte[] line;
  private long maxBodyBytes = -1;
  private Body pendingBody;
  private byte[] transfer;

  WireInput(InputStream in, WireLimits limits) {
    this.in =
        in instanceof BufferedInputStream || in instanceof ChannelInput
            ? in
            : new BufferedInputStream(in, 8192);
    this.limits = limits;
    this.line = new byte[limits.maxLineBytes()];
  }

  /**
   * Reads one line without its {@code \n} (a preceding {@code \r} is kept: the protocol does not
   * use it).
   *
   * @return the line, or {@code null} if the stream ended before any byte of it
   * @throws ProtocolException if the line is longer than the limit or the stream ends inside it
   */
  String readLine() throws IOException {
    if (pendingBody != null && !pendingBody.consumed()) {
      throw new IllegalStateException(
          "read the pending " + pendingBody + " (copyTo or skip) before the next message");
    }
    pendingBody = null;
    int n = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        if (n == 0) {
          return null;
        }
        throw new ProtocolException(text(n), "a line ending in \\n (stream ended inside the line)");
      }
      if (c == '\n') {
        return text(n);
      }
      if (n == line.length) {
        throw new ProtocolException(
            text(n), "a line of at most " + limits.maxLineBytes() + " bytes");
      }
      line[n++] = (byte) c;
    }
  }

  /**
   * Reads exactly {@code length} payload bytes announced by {@code header}.
   *
   * @throws ProtocolException if the length is negative or over the limit, or the stream ends early
   */
  Payload readPayload(long length, String header) throws IOException {
    checkLength(length, header);
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length != length) {
      throw new ProtocolException(
          header,
          length + " payload bytes after the line (stream ended after " + bytes.length + ")");
    }
    return Payload.wrap(bytes);
  }

  /** File bodies up to {@code maxBytes} are left on the stream as {@link Body}s; -1: never. */
  void streamBodies(long maxBytes) {
    this.maxBodyBytes = maxBytes;
  }

  boolean streamsBodies() {
    return maxBodyBytes >= 0;
  }

  /** The {@code length} bytes announced by {@code header}, left on the stream. */
  Body body(long length, String header) throws ProtocolException {
    if (length < 0 || length > maxBodyBytes) {
      throw new ProtocolException(header, "a file length in [0, " + maxBodyBytes + "] bytes");
    }
    pendingBody = new Body(this, length, header);
    return pendingBody;
  }

  /**
   * The next 1..{@code max} bytes of the body announced by {@code header} ({@code done} of {@code
   * length} read so far), in a buffer valid until the next read: off the heap over a {@link
   * ChannelInput}, else a reused array (allocated on first use: most connections never need one).
   *
   * @throws ProtocolException if the stream ends first
   */
  ByteBuffer chunk(long max, String header, long done, long length) throws IOException {
    ByteBuffer b;
    if (in instanceof ChannelInput c) {
      b = c.chunk(max);
    } else {
      if (transfer == null) {
        transfer = new byte[256 << 10];
      }
      int n = in.read(transfer, 0, (int) Math.min(transfer.length, max));
      b = n < 0 ? null : ByteBuffer.wrap(transfer, 0, n);
    }
    if (b == null) {
      throw new ProtocolException(
          header, length + " payload bytes after the line (stream ended after " + done + ")");
    }
    return b;
  }

  /** Checks a payload length announced by {@code header} against the limits. */
  void checkLength(long length, String header) throws ProtocolException {
    if (length < 0 || length > limits.maxPayloadBytes()) {
      throw new ProtocolException(
          header, "a payload length in [0, " + limits.maxPayloadBytes() + "] bytes");
    }
  }

  private String text(int n) {
    return new String(line, 0, n, StandardCharsets.UTF_8);
  }
}
