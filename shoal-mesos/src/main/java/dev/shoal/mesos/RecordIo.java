package dev.shoal.mesos;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Mesos' RecordIO framing ({@code docs/recordio.md}): each record is its length in ASCII decimal, a
 * line feed, then exactly that many bytes. HTTP chunk boundaries have nothing to do with record
 * boundaries, so the reader reads the length byte by byte and the data with readNBytes.
 */
public final class RecordIo {
  /** The largest record a reader accepts unless told otherwise: 64 MiB, far above any event. */
  public static final int DEFAULT_MAX_RECORD = 64 << 20;

  private RecordIo() {}

  /** Writes one record and flushes, so the peer sees it at once. */
  public static void write(OutputStream out, byte[] record) throws IOException {
    out.write((record.length + "\n").getBytes(StandardCharsets.US_ASCII));
    out.write(record);
    out.flush();
  }

  public static byte[] frame(String record) {
    byte[] data = record.getBytes(StandardCharsets.UTF_8);
    byte[] head = (data.length + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + data.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(data, 0, out, head.length, data.length);
    return out;
  }

  /**
   * Reads records from one stream. Not thread-safe: one reader thread owns it. A malformed length
   * (not digits, zero, over the bound, more than 20 characters) or a stream ending inside a record
   * is an {@link IOException} with the reason; the caller drops the connection.
   */
  public static final class Reader {
    private final InputStream in;
    private final int maxRecord;

    public Reader(InputStream in, int maxRecord) {
      this.in = in;
      this.maxRecord = maxRecord;
    }

    /** The next record, or {@code null} when the stream ended cleanly between records. */
    public byte[] next() throws IOException {
      long length = 0;
      int digits = 0;
      while (true) {
        int c = in.read();
        if (c < 0) {
          if (digits == 0) {
            return null;
          }
          throw new EOFException("RecordIO stream ended inside a record length");
        }
        if (c == '\n') {
          break;
        }
        if (c < '0' || c > '9' || ++digits > 20) {
          throw new IOException(
              "RecordIO: bad record length byte 0x"
                  + Integer.toHexString(c)
                  + " — not a Mesos stream?");
        }
        length = length * 10 + (c - '0');
        if (length > maxRecord) {
          throw new IOException(
              "RecordIO: record of " + length + "+ bytes exceeds the limit of " + maxRecord);
        }
      }
      if (digits == 0 || length == 0) {
        throw new IOException("RecordIO: empty record length — records are never empty");
      }
      byte[] data = in.readNBytes((int) length);
      if (data.length < length) {
        throw new EOFException(
            "RecordIO stream ended after " + data.length + " of " + length + " bytes of a record");
      }
      return data;
    }
  }
}
