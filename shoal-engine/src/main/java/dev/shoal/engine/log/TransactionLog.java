package dev.shoal.engine.log;

import dev.shoal.engine.log.LogRecord.Marker;
import java.io.Closeable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends records to a transaction log {@code <workflow>.makeflowlog} in the format of {@link
 * LogCodec}.
 *
 * <h2>Flush policy</h2>
 *
 * <p>{@link #append} only adds the line to an in-memory buffer. {@link #flush} writes the buffer
 * and forces it to the device ({@link FileChannel#force force(false)}, i.e. {@code fdatasync}). The
 * engine appends every record of one batch (the completions it took from its queue, the dispatches
 * it is about to make) and calls {@code flush()} once, <em>before</em> acting on them: before it
 * releases dependants, deletes files or submits tasks. So fsync costs once per batch, not once per
 * line: 10,000 rules give about 40,000 lines but only as many fsyncs as batches. A {@link Marker}
 * ({@code STARTED}, {@code COMPLETED}, {@code FAILED}, {@code ABORTED}) is always forced at once,
 * with everything appended before it. When the buffer passes {@value #WRITE_THRESHOLD_BYTES} bytes
 * it is written to the file without forcing, to bound memory; only {@code flush()} makes it
 * durable. An fsync slower than one second is logged as a warning through {@link System.Logger}.
 *
 * <h2>Opening and failures</h2>
 *
 * <p>{@link #open} creates the file or appends to it. If the file does not end with a line break (a
 * run was killed while writing), the torn tail is cut off first, with a warning: {@link LogReader}
 * ignores such a tail anyway, and appending after it would glue two records together. After an
 * {@link IOException} from a write or a flush, the bytes on disk are uncertain; the log refuses
 * further use ({@link IllegalStateException}) and the engine must stop the run.
 *
 * <h2>Threading</h2>
 *
 * <p>Not thread-safe: one thread owns it, the engine loop. Time stamps come from the injected
 * {@link MicrosClock}; the writer never stamps records itself, except to time its fsyncs.
 */
public final class TransactionLog implements Closeable {

  /** Buffered bytes above which {@link #append} writes (without forcing). */
  static final int WRITE_THRESHOLD_BYTES = 1 << 16;

  /** An fsync taking longer than this is logged. */
  static final long SLOW_FSYNC_MICROS = 1_000_000;

  /** Created on first use: setting up logging costs start-up time that most runs never need. */
  private static final class Log {
    static final System.Logger LOG = System.getLogger(TransactionLog.class.getName());
  }

  private final Path file;
  private final FileChannel channel;
  private final MicrosClock clock;
  private final StringBuilder pending = new StringBuilder(WRITE_THRESHOLD_BYTES + 1024);
  private int pendingLines;
  private boolean unwrittenSinceForce;
  private volatile boolean broken;
  private boolean closed;

  private TransactionLog(Path file, FileChannel channel, MicrosClock clock) {
    this.file = file;
    this.channel = channel;
    this.clock = clock;
  }

  /**
   * Opens {@code file} for appending, creating it if needed, after cutting off a torn last line.
   *
   * @param clock the time source the engine stamps records with ({@link #nowMicros()}) and that
   *     times fsyncs
   * @throws IOException if the file cannot be opened, read or truncated
   */
  public static TransactionLog open(Path file, MicrosClock clock) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    boolean existed = Files.exists(file);
    FileChannel channel =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      cutTornTail(file, channel);
      channel.position(channel.size());
      if (!existed) {
        syncDirectory(file);
      }
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return new TransactionLog(file, channel, clock);
  }

  /** The file written to. */
  public Path file() {
    return file;
  }

  /** Now, from the injected clock: the time stamp for a record about to be appended. */
  public long nowMicros() {
    return clock.nowMicros();
  }

  /**
   * Buffers {@code record}; a {@link Marker} is flushed at once with everything before it.
   *
   * @throws IOException if a marker's flush, or the write of a full buffer, fails
   * @throws IllegalStateException if the log is closed or an earlier write failed
   */
  public void append(LogRecord record) throws IOException {
    Objects.requireNonNull(record, "record");
    checkUsable();
    LogCodec.formatTo(record, pending);
    pending.append('\n');
    pendingLines++;
    if (record instanceof Marker) {
      flush();
    } else if (pending.length() > WRITE_THRESHOLD_BYTES) {
      write();
    }
  }

  /** Lines appended since the last {@link #flush}. */
  public int pendingLines() {
    return pendingLines;
  }

  /**
   * Hands the buffered lines to the operating system without forcing them to the device: they
   * survive the death of this process (even {@code kill -9}) but not of the machine. For records
   * nothing is done on, such as a task having started.
   */
  public void writeThrough() throws IOException {
    checkUsable();
    write();
  }

  /**
   * Forces to the device every line written so far ({@link #writeThrough}), without touching the
   * buffer: the one method another thread may call while the owner goes on appending (group
   * commit). A failure leaves the log unusable.
   */
  public void forceWritten() throws IOException {
    long start = clock.nowMicros();
    try {
      channel.force(false);
    } catch (IOException e) {
      broken = true;
      throw e;
    }
    long elapsed = clock.nowMicros() - start;
    if (elapsed > SLOW_FSYNC_MICROS) {
      Log.LOG.log(
          Level.WARNING,
          "fsync of {0} took {1} ms; the disk is slow or busy",
          file,
          elapsed / 1000);
    }
  }

  /**
   * Writes the buffered lines and forces them to the device. When it returns, every record appended
   * so far is durable and visible to any reader of the file. Does nothing if nothing was appended
   * since the last flush.
   *
   * @throws IOException if the write or the fsync fails; the log is then unusable
   * @throws IllegalStateException if the log is closed or an earlier write failed
   */
  public void flush() throws IOException {
    checkUsable();
    write();
    if (!unwrittenSinceForce) {
      return;
    }
    forceWritten();
    unwrittenSinceForce = false;
    pendingLines = 0;
  }

  /** Flushes and closes. Idempotent; a broken log is closed without flushing. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      if (!broken) {
        flush();
      }
    } finally {
      closed = true;
      channel.close();
    }
  }

  private void write() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (IOException e) {
      broken = true;
      throw e;
    }
    pending.setLength(0);
    unwrittenSinceForce = true;
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("transaction log " + file + " is closed");
    }
    if (broken) {
      throw new IllegalStateException(
          "transaction log " + file + " failed to write earlier; stop the run and restart it");
    }
  }

  /** Truncates {@code channel} after its last line break, if it does not end with one. */
  private static void cutTornTail(Path file, FileChannel channel) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return;
    }
    ByteBuffer chunk = ByteBuffer.allocate(4096);
    long end = size;
    while (end > 0) {
      long from = Math.max(0, end - chunk.capacity());
      chunk.clear().limit((int) (end - from));
      while (chunk.hasRemaining()) {
        if (channel.read(chunk, from + chunk.position()) < 0) {
          throw new IOException(file + ": file shrank while being opened");
        }
      }
      for (int i = (int) (end - from) - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          truncate(file, channel, size, from + i + 1);
          return;
        }
      }
      end = from;
    }
    truncate(file, channel, size, 0);
  }

  private static void truncate(Path file, FileChannel channel, long size, long keep)
      throws IOException {
    if (keep == size) {
      return;
    }
    Log.LOG.log(
        Level.WARNING,
        "{0}: cutting off {1} bytes of an unfinished last line left by an interrupted run",
        file,
        size - keep);
    channel.truncate(keep);
    channel.force(false);
  }

  /** Makes the new file's directory entry durable; not possible on every platform. */
  private static void syncDirectory(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      Log.LOG.log(
          Level.DEBUG,
          "cannot sync directory " + dir + " (" + e + "); the new log may vanish in a crash");
    }
  }
}
