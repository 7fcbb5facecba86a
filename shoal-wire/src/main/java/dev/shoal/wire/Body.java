package dev.shoal.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A payload still on the connection: exactly {@link #length()} bytes that follow the line just
 * read, not held in memory. The reader must consume it with {@link #copyTo} or {@link #skip} before
 * reading the next message (reading on throws {@link IllegalStateException}). Produced only by a
 * codec with {@link WireCodec#streamFileBodies}; see {@link ManagerMessage.PutBody} and {@link
 * WorkerMessage.FileBody}.
 *
 * <p>Threading: the connection's reading thread only.
 */
public final class Body {
  private final WireInput in;
  private final long length;
  private final String header;
  private boolean consumed;
  private long arrived;

  Body(WireInput in, long length, String header) {
    this.in = in;
    this.length = length;
    this.header = header;
  }

  /** The number of bytes announced. */
  public long length() {
    return length;
  }

  /**
   * Copies the bytes to {@code out} as they arrive, through one bounded buffer.
   *
   * @throws ProtocolException if the stream ends before all of them
   * @throws IOException if {@code out} fails; the rest of the body is then skipped, so the
   *     connection stays usable
   */
  public void copyTo(WritableByteChannel out) throws IOException {
    take();
    long left = length;
    IOException failed = null;
    while (left > 0) {
      ByteBuffer b = in.chunk(left, header, length - left, length);
      int n = b.remaining();
      left -= n;
      arrived += n;
      if (failed == null) {
        try {
          while (b.hasRemaining()) {
            out.write(b);
          }
        } catch (IOException e) {
          failed = e;
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** Reads and drops the bytes. */
  public void skip() throws IOException {
    take();
    long left = length;
    while (left > 0) {
      int n = in.chunk(left, header, length - left, length).remaining();
      left -= n;
      arrived += n;
    }
  }

  /**
   * True once every byte was read from the connection: a failure after that was the destination's,
   * and the connection is still usable.
   */
  public boolean arrived() {
    return arrived == length;
  }

  boolean consumed() {
    return consumed;
  }

  private void take() {
    if (consumed) {
      throw new IllegalStateException("the body of '" + header + "' was already read");
    }
    consumed = true;
  }

  @Override
  public String toString() {
    return "Body[" + length + " bytes]";
  }
}
