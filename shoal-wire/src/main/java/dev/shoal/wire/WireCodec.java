package dev.shoal.wire;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Optional;

/**
 * One Work Queue connection's codec: reads messages of the peer's direction and writes any message.
 * A read consumes a line and then exactly the payload that line announces. Lines are at most {@link
 * WireLimits#maxLineBytes()} bytes and payloads at most {@link WireLimits#maxPayloadBytes()};
 * anything malformed throws {@link ProtocolException}, after which the connection should be closed.
 *
 * <p>Blocking: reads block as long as the input stream does; give sockets a read timeout ({@code
 * setSoTimeout}). Writes are buffered until {@link #flush()}. Threading: one reading thread and one
 * writing thread at most; the two directions are independent.
 */
public final class WireCodec {
  /**
   * File bodies up to this size are copied into the write buffer rather than sent apart. Larger
   * ones cost two system calls (the buffer's flush, then sendfile) but no copy in this process:
   * cheaper from a few KiB on, and most inputs are larger.
   */
  private static final int SMALL_BODY = 4 << 10;

  private final WireInput in;
  private final OutputStream out;
  private final ManagerMessageReader managerReader;
  private final WorkerMessageReader workerReader;
  private final MessageWriter writer;
  private final WritableByteChannel rawOut;

  /** A codec over these streams with the given limits. */
  public WireCodec(InputStream in, OutputStream out, WireLimits limits) {
    this(in, out, null, limits);
  }

  /**
   * A codec whose file bodies ({@link #writePut}, {@link #writeFileData}) go to {@code rawOut}, the
   * channel under {@code out} (a socket's: the kernel then copies the file to the socket itself);
   * {@code null} to copy them through {@code out}.
   */
  public WireCodec(
      InputStream in, OutputStream out, WritableByteChannel rawOut, WireLimits limits) {
    this.rawOut = rawOut;
    this.in = new WireInput(in, limits);
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.managerReader = new ManagerMessageReader(this.in, limits);
    this.workerReader = new WorkerMessageReader(this.in);
    this.writer = new MessageWriter(this.out, limits);
  }

  /** A codec with {@link WireLimits#DEFAULT}. */
  public WireCodec(InputStream in, OutputStream out) {
    this(in, out, WireLimits.DEFAULT);
  }

  /**
   * Reads the next message from a manager (call this on the worker side).
   *
   * @throws EOFException if the stream ended cleanly between messages
   * @throws ProtocolException if the input is not a well-formed manager message
   */
  public ManagerMessage readFromManager() throws IOException {
    return orEof(managerReader.read());
  }

  /**
   * Reads the next message from a worker (call this on the manager side).
   *
   * @throws EOFException if the stream ended cleanly between messages
   * @throws ProtocolException if the input is not a well-formed worker message
   */
  public WorkerMessage readFromWorker() throws IOException {
    return orEof(workerReader.read());
  }

  /** Writes {@code message} (buffered; see {@link #flush()}). */
  public void write(Message message) throws IOException {
    writer.write(message);
  }

  /**
   * From now on, {@code put} (read by a worker) and {@code file} (read by a manager) bodies of up
   * to {@code maxBytes} are not read into memory: they arrive as {@link ManagerMessage.PutBody} and
   * {@link WorkerMessage.FileBody}, whose {@link Body} the caller copies (to a file) before reading
   * the next message. Longer ones are a protocol error. Other payloads keep the codec's limits.
   */
  public WireCodec streamFileBodies(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
    }
    in.streamBodies(maxBytes);
    return this;
  }

  /**
   * Writes {@code put <name> <length> <mode>} and {@code length} bytes of {@code file} from its
   * start, without holding them in memory (flushes what was buffered before).
   *
   * @throws IOException also when the file has fewer than {@code length} bytes (it shrank): the
   *     connection is then unusable
   */
  public void writePut(String name, FileChannel file, long length, int mode) throws IOException {
    writer.header(MessageWriter.putLine(name, length, mode));
    body(file, length);
  }

  /** Writes {@code file <name> <length> [mode]} and the file's bytes, as {@link #writePut}. */
  public void writeFileData(String name, FileChannel file, long length, Optional<Integer> mode)
      throws IOException {
    writer.header(MessageWriter.fileLine(name, length, mode));
    body(file, length);
  }

  private void body(FileChannel file, long length) throws IOException {
    long pos = 0;
    if (length <= SMALL_BODY) {
      // Small files: into the buffer, so that many of them share one socket write.
      byte[] b = new byte[(int) length];
      ByteBuffer bb = ByteBuffer.wrap(b);
      while (bb.hasRemaining()) {
        if (file.read(bb, pos + bb.position()) < 0) {
          throw shrank(length, bb.position());
        }
      }
      out.write(b);
      return;
    }
    out.flush();
    WritableByteChannel target = rawOut != null ? rawOut : Channels.newChannel(out);
    while (pos < length) {
      long n = file.transferTo(pos, length - pos, target);
      if (n <= 0) {
        if (pos >= file.size()) {
          throw shrank(length, pos);
        }
        n = copySome(file, pos, Math.min(length - pos, 1 << 20), target);
      }
      pos += n;
    }
  }

  /** A plain read/write when the kernel copy made no progress (a non-blocking socket under it). */
  private static long copySome(FileChannel file, long pos, long max, WritableByteChannel target)
      throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) max);
    int n = file.read(b, pos);
    if (n <= 0) {
      return 0;
    }
    b.flip();
    while (b.hasRemaining()) {
      target.write(b);
    }
    return n;
  }

  private static IOException shrank(long length, long got) {
    return new IOException(
        "the file shrank while being sent: " + got + " of " + length + " bytes announced");
  }

  /** Sends everything written so far. */
  public void flush() throws IOException {
    out.flush();
  }

  /**
   * Reads one raw line (authentication and project-name exchanges); {@code null} at end of stream.
   */
  String readLine() throws IOException {
    return in.readLine();
  }

  /** Writes and flushes one raw line. */
  void writeLine(String line) throws IOException {
    out.write(line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.write('\n');
    out.flush();
  }

  private static <T> T orEof(T message) throws EOFException {
    if (message == null) {
      throw new EOFException("Work Queue peer closed the connection");
    }
    return message;
  }
}
