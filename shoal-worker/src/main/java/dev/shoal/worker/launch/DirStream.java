package dev.shoal.worker.launch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A directory as one stream, both ways between the engine's file server and a task: the wire
 * format, defined once for the server ({@code dev.shoal.mesos.backend.FileServer}) and the client
 * ({@link Transfers}). A directory moves on its declared file's own URL {@code /f/<token>}: a
 * {@code GET} of a served directory answers with {@code Content-Type: }{@value #CONTENT_TYPE}; a
 * {@code PUT} with that type uploads one. A directory never goes in a {@link FileBatch}. All
 * integers are big-endian; a path is UTF-8, its parts separated by {@code /}, relative to the
 * directory.
 *
 * <pre>
 * stream := entry* end
 * entry  := u8 kind (1 directory, 2 file), u16 n, n bytes path, u16 mode (permission bits, ≤ 0777)
 *           a file then: u64 size, size bytes
 * end    := u8 0
 * </pre>
 *
 * Entries come in pre-order, a directory before what it holds, names sorted. The reader refuses
 * ({@link Refused}) an absolute path, an empty part, {@code .} or {@code ..}, a part over 255 bytes
 * or a path over {@value #MAX_PATH}, an entry whose directory did not come before it, a path twice,
 * more than {@value #MAX_ENTRIES} entries, a mode over 0777 and bytes after the end: nothing it
 * writes can land outside the directory. A stream that ends early is an {@link EOFException}. Modes
 * keep their permission bits, with the owner's read and write (and search, for a directory) added,
 * so the receiver can always empty what it received.
 *
 * <p>Symbolic links inside a directory are sent as what they point to, a file or a directory, when
 * that stays inside the directory; a link that leaves it (or dangles, or loops) refuses the whole
 * directory: only declared paths leave the engine, and nothing outside a task's sandbox comes back.
 * The receiver never makes a link. Other kinds of file (pipes, sockets, devices) are refused too.
 *
 * <p>Stateless; every method may be called from any thread.
 */
public final class DirStream {
  /** The {@code Content-Type} of a directory on {@code /f/<token>}. */
  public static final String CONTENT_TYPE = "application/x-shoal-directory";

  /** The most entries (files and directories) one directory may hold. */
  public static final int MAX_ENTRIES = 100_000;

  /** The longest path of an entry, in bytes. */
  public static final int MAX_PATH = 4096;

  /**
   * What every refusal's message says, so the engine reports it at once instead of running the task
   * again: the same directory would be refused again.
   */
  public static final String REFUSED = "is not sent";

  private static final int MAX_PART = 255;
  private static final int END = 0;
  private static final int DIRECTORY = 1;
  private static final int FILE = 2;

  private DirStream() {}

  /**
   * An entry of a directory to send: its path in the stream and where its bytes are ({@code
   * source}, the target of a link).
   */
  public record Entry(String path, boolean directory, int mode, long size, Path source) {}

  /** What {@link #list} found: the entries in stream order and the stream's length in bytes. */
  public record Listing(List<Entry> entries, long bytes) {}

  /** A directory or a stream this format does not carry; the message says what and why. */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /**
   * Lists {@code root} for {@link #write}.
   *
   * @throws Refused when it holds a link that leaves it, a loop, a special file, too many entries
   *     or too long a path
   */
  public static Listing list(Path root) throws IOException {
    Path real = root.toRealPath();
    List<Entry> entries = new ArrayList<>();
    Set<Path> above = new HashSet<>();
    above.add(real);
    long bytes = 1 + walk(root, real, real, "", above, entries);
    return new Listing(List.copyOf(entries), bytes);
  }

  private static long walk(
      Path root, Path real, Path dir, String prefix, Set<Path> above, List<Entry> entries)
      throws IOException {
    List<Path> children;
    try (Stream<Path> s = Files.list(dir)) {
      children = s.sorted().toList();
    }
    long bytes = 0;
    for (Path child : children) {
      String path = prefix + child.getFileName();
      if (entries.size() >= MAX_ENTRIES) {
        throw refused(root, "holds more than " + MAX_ENTRIES + " entries");
      }
      int length = path.getBytes(StandardCharsets.UTF_8).length;
      int part = child.getFileName().toString().getBytes(StandardCharsets.UTF_8).length;
      if (length > MAX_PATH || part > MAX_PART) {
        throw refused(root, "holds a path of " + length + " bytes; at most " + MAX_PATH);
      }
      Path source = child;
      PosixFileAttributes a = attributes(child, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink()) {
        try {
          source = child.toRealPath();
        } catch (NoSuchFileException e) {
          throw refused(root, "holds " + path + ", a link to nothing");
        }
        if (!source.startsWith(real)) {
          throw refused(
              root,
              "holds "
                  + path
                  + ", a link to "
                  + source
                  + " outside it — only links that stay inside the directory are sent; copy the"
                  + " file in instead");
        }
        a = attributes(source);
      }
      int mode = mode(a);
      bytes += 1 + 2 + length + 2;
      if (a.isDirectory()) {
        if (!above.add(source)) {
          throw refused(root, "holds " + path + ", a link to a directory above it (a loop)");
        }
        entries.add(new Entry(path, true, mode, 0, source));
        bytes += walk(root, real, source, path + "/", above, entries);
        above.remove(source);
      } else if (a.isRegularFile()) {
        entries.add(new Entry(path, false, mode, a.size(), source));
        bytes += 8 + a.size();
      } else {
        throw refused(root, "holds " + path + ", neither a regular file nor a directory");
      }
    }
    return bytes;
  }

  /**
   * Writes the stream of {@code listing} to {@code out} (buffer it) and flushes it.
   *
   * @throws EOFException when a file shrank since it was listed
   */
  public static void write(Listing listing, OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    for (Entry e : listing.entries()) {
      d.writeByte(e.directory() ? DIRECTORY : FILE);
      byte[] path = e.path().getBytes(StandardCharsets.UTF_8);
      d.writeShort(path.length);
      d.write(path);
      d.writeShort(e.mode());
      if (!e.directory()) {
        d.writeLong(e.size());
        try (InputStream in = Files.newInputStream(e.source())) {
          FileBatch.copy(in, d, e.size()); // a file grown meanwhile is sent as listed
        }
      }
    }
    d.writeByte(END);
    d.flush();
  }

  /**
   * Reads a stream from {@code in} (buffer it) into the new directory {@code root}, to the end of
   * {@code in}. On any failure {@code root} holds part of it: the caller deletes it.
   *
   * @return the number of entries
   * @throws Refused when the stream is malformed or hostile (the message says which entry and why)
   * @throws EOFException when it ends early
   */
  public static int read(InputStream in, Path root) throws IOException {
    return read(in, root, MAX_ENTRIES);
  }

  /** As {@link #read(InputStream, Path)} with at most {@code maxEntries} entries. */
  static int read(InputStream in, Path root, int maxEntries) throws IOException {
    DataInputStream d = new DataInputStream(in);
    Files.createDirectory(root);
    Set<String> dirs = new HashSet<>();
    dirs.add("");
    Set<String> seen = new HashSet<>();
    int n = 0;
    for (int kind = d.readUnsignedByte(); kind != END; kind = d.readUnsignedByte()) {
      n++;
      if (kind != DIRECTORY && kind != FILE) {
        throw new Refused("entry " + n + " has an unknown kind " + kind);
      }
      if (n > maxEntries) {
        throw new Refused("the directory has more than " + maxEntries + " entries");
      }
      String path = readPath(d, n);
      int slash = path.lastIndexOf('/');
      String parent = slash < 0 ? "" : path.substring(0, slash);
      if (!dirs.contains(parent)) {
        throw new Refused("entry " + n + " (" + path + ") comes before its directory " + parent);
      }
      if (!seen.add(path)) {
        throw new Refused("entry " + n + " (" + path + ") comes twice");
      }
      int mode = d.readUnsignedShort();
      if (mode > 0777) {
        throw new Refused("entry " + n + " (" + path + ") has mode " + Integer.toOctalString(mode));
      }
      Path target = root.resolve(path);
      if (kind == DIRECTORY) {
        Files.createDirectory(target);
        permit(target, mode | 0700);
        dirs.add(path);
        continue;
      }
      long size = d.readLong();
      if (size < 0) {
        throw new Refused("entry " + n + " (" + path + ") has a negative size " + size);
      }
      try (OutputStream out =
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        FileBatch.copy(d, out, size);
      }
      permit(target, mode | 0600);
    }
    if (d.read() != -1) {
      throw new Refused("bytes follow the end of the directory's " + n + " entries");
    }
    return n;
  }

  private static String readPath(DataInputStream d, int n) throws IOException {
    int length = d.readUnsignedShort();
    if (length == 0 || length > MAX_PATH) {
      throw new Refused("entry " + n + " has a path of " + length + " bytes; 1 to " + MAX_PATH);
    }
    byte[] b = new byte[length];
    d.readFully(b);
    String path;
    try {
      path =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b))
              .toString();
    } catch (CharacterCodingException e) {
      throw new Refused("entry " + n + " has a path that is not UTF-8");
    }
    for (String part : path.split("/", -1)) {
      if (part.isEmpty()
          || part.equals(".")
          || part.equals("..")
          || part.indexOf('\0') >= 0
          || part.getBytes(StandardCharsets.UTF_8).length > MAX_PART) {
        throw new Refused(
            "entry "
                + n
                + " ("
                + path
                + ") is not a relative path inside the directory — parts must be names, not"
                + " empty, . or ..");
      }
    }
    return path;
  }

  private static Refused refused(Path root, String why) {
    return new Refused("directory " + root + " " + REFUSED + ": it " + why);
  }

  private static PosixFileAttributes attributes(Path p, LinkOption... options) throws IOException {
    return Files.readAttributes(p, PosixFileAttributes.class, options);
  }

  private static int mode(PosixFileAttributes a) {
    int mode = 0;
    for (PosixFilePermission p : a.permissions()) {
      mode |= 1 << (8 - p.ordinal()); // OWNER_READ is ordinal 0 and bit 0400, OTHERS_EXECUTE 0001
    }
    return mode;
  }

  private static void permit(Path p, int mode) throws IOException {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission x : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - x.ordinal()))) != 0) {
        perms.add(x);
      }
    }
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its own defaults
    }
  }
}
