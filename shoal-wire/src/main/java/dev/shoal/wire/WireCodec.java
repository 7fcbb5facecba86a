package dev.shoal.wire;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

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
  private final WireInput in;
  private final OutputStream out;
  private final ManagerMessageReader managerReader;
  private final WorkerMessageReader workerReader;
  private final MessageWriter writer;

  /** A codec over these streams with the given limits. */
  public WireCodec(InputStream in, OutputStream out, WireLimits limits) {
    this.in = new WireInput(in, limits);
    this.out = new BufferedOutputStream(out, 8192);
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
