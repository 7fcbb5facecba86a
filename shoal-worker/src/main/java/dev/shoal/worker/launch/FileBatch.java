package dev.shoal.worker.launch;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Many files in one HTTP request to the engine's file server, both ways: the wire format, defined
 * once for the server ({@code dev.shoal.mesos.backend.FileServer}) and the client ({@link
 * Transfers}). A file of a batch is named by the same opaque token as its single URL {@code
 * <base>/f/<token>}; a batch goes to {@code <base>}{@value #GET} or {@code <base>}{@value #PUT}.
 * All integers are big-endian (as {@link DataOutputStream} writes them); a token is ASCII.
 *
 * <pre>
 * POST /b/get   request:  u32 n, then n × (u16 length, token)
 *               answer 200: n × (u64 size, size bytes), in the request's order
 * POST /b/put   request:  u32 n, n × (u16 length, token, u64 size), then the n files' bytes
 *                         one after another in that order; Content-Length is the whole
 *               answer 201 once every file was received and committed
 * </pre>
 *
 * A batch naming a token the server does not serve (or accept) is refused whole with {@code 404}
 * and a text body saying which; a malformed one with {@code 400}. A short or broken stream is an
 * {@link IOException} on either side: the server keeps the files of the upload received whole (each
 * committed atomically, as a single {@code PUT}) and none of the one cut; the client tries the
 * batch again.
 */
public final class FileBatch {
  /** The path of a batch download, beside {@code /f/}. */
  public static final String GET = "/b/get";

  /** The path of a batch upload, beside {@code /f/}. */
  public static final String PUT = "/b/put";

  /** The most files one batch may name; more is refused as malformed. */
  public static final int MAX_FILES = 100_000;

  private static final int MAX_TOKEN = 256;
  private static final String FILES = "/f/";

  private FileBatch() {}

  /** A file of an upload batch as its manifest names it. */
  public record Entry(String token, long size) {}

  /** The request body of a batch download of {@code tokens}. */
  static byte[] tokens(List<String> tokens) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + tokens.size() * 32);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(tokens.size());
    for (String t : tokens) {
      writeToken(out, t);
    }
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * The tokens of a batch download request.
   *
   * @throws IOException when the stream ends early or is not a batch (the message says which)
   */
  public static List<String> readTokens(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int n = count(d);
    List<String> tokens = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      tokens.add(readToken(d));
    }
    return tokens;
  }

  /** The manifest that starts a batch upload of {@code entries}. */
  static byte[] manifest(List<Entry> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8 + entries.size() * 40);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(entries.size());
    for (Entry e : entries) {
      writeToken(out, e.token);
      out.writeLong(e.size);
    }
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * The manifest of a batch upload; the files' bytes follow it in {@code in}.
   *
   * @throws IOException when the stream ends early or is not a batch (the message says which)
   */
  public static List<Entry> readManifest(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    int n = count(d);
    List<Entry> entries = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String token = readToken(d);
      long size = d.readLong();
      if (size < 0) {
        throw new IOException("file " + (i + 1) + " of the batch has a negative size " + size);
      }
      entries.add(new Entry(token, size));
    }
    return entries;
  }

  /** How many bytes the manifest of {@code entries} takes on the wire. */
  public static long manifestBytes(List<Entry> entries) {
    long n = 4;
    for (Entry e : entries) {
      n += 2 + e.token.length() + 8;
    }
    return n;
  }

  /**
   * Copies exactly {@code size} bytes of {@code in} to {@code out}, in pieces (a large file is
   * never held whole).
   *
   * @throws EOFException when {@code in} ends first: the stream was cut
   */
  public static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[(int) Math.min(64 * 1024, Math.max(1, size))];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("stream cut after " + (size - left) + " of " + size + " bytes");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  /** The batch URL ({@code path}: {@link #GET} or {@link #PUT}) beside the file URL {@code url}. */
  static String batchUrl(String url, String path) {
    return url.substring(0, files(url)) + path;
  }

  /** The token of the file URL {@code url}. */
  static String token(String url) {
    return url.substring(files(url) + FILES.length());
  }

  /** The server part of {@code url}: two URLs with the same one can share a batch. */
  static String server(String url) {
    int i = url.lastIndexOf(FILES);
    return i < 0 ? url : url.substring(0, i);
  }

  private static int files(String url) {
    int i = url.lastIndexOf(FILES);
    if (i < 0) {
      throw new IllegalArgumentException(url + " is not a file URL of the engine (no /f/)");
    }
    return i;
  }

  private static int count(DataInputStream d) throws IOException {
    int n = d.readInt();
    if (n < 0 || n > MAX_FILES) {
      throw new IOException("a batch names " + n + " files; at most " + MAX_FILES + " allowed");
    }
    return n;
  }

  private static void writeToken(DataOutputStream out, String token) throws IOException {
    byte[] b = token.getBytes(StandardCharsets.US_ASCII);
    out.writeShort(b.length);
    out.write(b);
  }

  private static String readToken(DataInputStream d) throws IOException {
    int length = d.readUnsignedShort();
    if (length > MAX_TOKEN) {
      throw new IOException("a token of " + length + " bytes; tokens are at most " + MAX_TOKEN);
    }
    byte[] b = new byte[length];
    d.readFully(b);
    return new String(b, StandardCharsets.US_ASCII);
  }
}
