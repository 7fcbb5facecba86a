package dev.shoal.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A buffered input stream over a blocking channel (a plain socket's) whose buffers live outside the
 * Java heap: a file body read by a {@link WireCodec} over it goes from the socket to the file with
 * one copy in and one copy out, as a C program's would, instead of through heap arrays (two more
 * copies of every byte). Lines and payloads are read from the same buffer as through a {@link
 * java.io.BufferedInputStream}.
 *
 * <p>{@link #available()} counts only what is buffered here. Not thread-safe: one reader.
 */
public final class ChannelInput extends InputStream {
  /** Bodies at least this long bypass the line buffer: read straight into the transfer buffer. */
  private static final int TRANSFER_BYTES = 1 << 20;

  private final ReadableByteChannel channel;
  private final ByteBuffer buffer;
  private ByteBuffer transfer;

  /** Reads {@code channel} (which must be in blocking mode) through a buffer of 64 KiB. */
  public ChannelInput(ReadableByteChannel channel) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect(64 << 10).flip();
  }

  @Override
  public int read() throws IOException {
    if (!buffer.hasRemaining() && fill() < 0) {
      return -1;
    }
    return buffer.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!buffer.hasRemaining() && fill() < 0) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  @Override
  public int available() {
    return buffer.remaining();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /**
   * The next 1..{@code max} bytes of the stream in a buffer that stays valid until the next read:
   * what is buffered, else one read of the channel. Null at the end of the stream.
   */
  ByteBuffer chunk(long max) throws IOException {
    if (buffer.hasRemaining()) {
      int n = (int) Math.min(max, buffer.remaining());
      ByteBuffer out = buffer.slice(buffer.position(), n);
      buffer.position(buffer.position() + n);
      return out;
    }
    if (max < buffer.capacity()) {
      return fill() < 0 ? null : chunk(max);
    }
    if (transfer == null) {
      transfer = ByteBuffer.allocateDirect(TRANSFER_BYTES);
    }
    transfer.clear().limit((int) Math.min(max, TRANSFER_BYTES));
    int n;
    do {
      n = channel.read(transfer);
    } while (n == 0);
    return n < 0 ? null : transfer.flip();
  }

  private int fill() throws IOException {
    buffer.clear();
    int n;
    do {
      n = channel.read(buffer);
    } while (n == 0);
    buffer.flip();
    return n;
  }
}
