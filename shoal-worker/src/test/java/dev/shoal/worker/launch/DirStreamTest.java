package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The directory stream: round trips through real files, and hostile or broken streams refused. */
class DirStreamTest {
  @TempDir Path tmp;

  @Test
  void roundTrip_nestedFilesEmptyDirsAndExecutableBit_areKept() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/sub/deeper"));
    Files.createDirectories(tmp.resolve("src/empty"));
    Files.writeString(tmp.resolve("src/a"), "alpha\n");
    Files.write(tmp.resolve("src/sub/deeper/bin"), new byte[200_000]);
    Files.writeString(tmp.resolve("src/sub/tool.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        tmp.resolve("src/sub/tool.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.writeString(tmp.resolve("src/zero"), "");
    src = tmp.resolve("src");

    DirStream.Listing l = DirStream.list(src);
    byte[] stream = write(l);
    assertEquals(l.bytes(), stream.length, "the listed length is the stream's length");
    assertEquals(
        List.of("a", "empty", "sub", "sub/deeper", "sub/deeper/bin", "sub/tool.sh", "zero"),
        l.entries().stream().map(DirStream.Entry::path).toList(),
        "pre-order, names sorted");

    Path dst = tmp.resolve("dst");
    assertEquals(7, DirStream.read(new ByteArrayInputStream(stream), dst));
    assertSameTree(src, dst);
    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dst.resolve("sub/tool.sh"))));
    assertFalse(Files.isExecutable(dst.resolve("a")));
  }

  @Test
  void linkInside_isSentAsWhatItPointsTo() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/d")).getParent();
    Files.writeString(src.resolve("d/f"), "inside\n");
    Files.createSymbolicLink(src.resolve("lf"), Path.of("d/f"));
    Files.createSymbolicLink(src.resolve("ld"), Path.of("d"));
    Path dst = tmp.resolve("dst");
    DirStream.read(new ByteArrayInputStream(write(DirStream.list(src))), dst);
    assertTrue(Files.isRegularFile(dst.resolve("lf"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("inside\n", Files.readString(dst.resolve("lf")));
    assertEquals("inside\n", Files.readString(dst.resolve("ld/f")));
  }

  @Test
  void linkOutside_danglingOrLooping_refusesTheDirectory() throws IOException {
    Files.writeString(tmp.resolve("secret"), "no");
    Path out = Files.createDirectories(tmp.resolve("out"));
    Files.createSymbolicLink(out.resolve("leak"), tmp.resolve("secret"));
    DirStream.Refused e = assertThrows(DirStream.Refused.class, () -> DirStream.list(out));
    assertTrue(
        e.getMessage().contains("leak") && e.getMessage().contains(DirStream.REFUSED),
        e::getMessage);

    Path dangling = Files.createDirectories(tmp.resolve("dangling"));
    Files.createSymbolicLink(dangling.resolve("x"), Path.of("nothing"));
    assertThrows(DirStream.Refused.class, () -> DirStream.list(dangling));

    Path loop = Files.createDirectories(tmp.resolve("loop/sub")).getParent();
    Files.createSymbolicLink(loop.resolve("sub/up"), Path.of(".."));
    assertTrue(
        assertThrows(DirStream.Refused.class, () -> DirStream.list(loop))
            .getMessage()
            .contains("loop"));
  }

  @Test
  void read_refusesPathsLeavingTheDirectory() throws IOException {
    for (String bad : List.of("../x", "/etc/x", "a/../../x", "./x", "a//b", "a/", "")) {
      Path dst = tmp.resolve("dst-" + Math.abs(bad.hashCode()));
      byte[] stream = stream(s -> file(s, bad, "x"));
      assertThrows(DirStream.Refused.class, () -> read(stream, dst), bad);
      assertFalse(Files.exists(tmp.resolve("x")), bad);
    }
    assertFalse(Files.exists(Path.of("/etc/x")));
  }

  @Test
  void read_refusesEntriesBeforeTheirDirectory_duplicates_andFilesAsDirectories()
      throws IOException {
    assertThrows(
        DirStream.Refused.class, () -> read(stream(s -> file(s, "d/f", "x")), tmp.resolve("a")));
    assertThrows(
        DirStream.Refused.class,
        () -> read(stream(s -> file(file(s, "f", "x"), "f", "y")), tmp.resolve("b")));
    // a file then an entry "inside" it: its directory never came
    assertThrows(
        DirStream.Refused.class,
        () -> read(stream(s -> file(file(s, "f", "x"), "f/g", "y")), tmp.resolve("c")));
  }

  @Test
  void read_refusesTooManyEntries_longPaths_badKinds_modes_andTrailingBytes() throws IOException {
    byte[] eleven =
        stream(
            s -> {
              for (int i = 0; i < 11; i++) {
                dir(s, "d" + i);
              }
              return s;
            });
    assertThrows(
        DirStream.Refused.class,
        () -> DirStream.read(new ByteArrayInputStream(eleven), tmp.resolve("many"), 10));
    assertEquals(11, DirStream.read(new ByteArrayInputStream(eleven), tmp.resolve("fits"), 11));
    String longName = "n".repeat(256);
    assertThrows(
        DirStream.Refused.class, () -> read(stream(s -> dir(s, longName)), tmp.resolve("long")));
    byte[] badKind = {7, 0, 1, 'a', 0, 0, 0};
    assertThrows(DirStream.Refused.class, () -> read(badKind, tmp.resolve("kind")));
    byte[] badMode = {1, 0, 1, 'a', 0x10, 0, 0};
    assertThrows(DirStream.Refused.class, () -> read(badMode, tmp.resolve("mode")));
    byte[] trailing = {1, 0, 1, 'a', 1, (byte) 0xed, 0, 42};
    assertThrows(DirStream.Refused.class, () -> read(trailing, tmp.resolve("trailing")));
    byte[] negative = {2, 0, 1, 'a', 1, (byte) 0xa4, -1, -1, -1, -1, -1, -1, -1, -1, 0};
    assertThrows(DirStream.Refused.class, () -> read(negative, tmp.resolve("negative")));
  }

  @Test
  void read_truncatedAnywhere_isAnEndOfStream() throws IOException {
    Path src = Files.createDirectories(tmp.resolve("src/sub")).getParent();
    Files.writeString(src.resolve("sub/f"), "0123456789".repeat(100));
    byte[] whole = write(DirStream.list(src));
    for (int cut = 0; cut < whole.length; cut += 37) {
      byte[] part = Arrays.copyOf(whole, cut);
      Path dst = tmp.resolve("cut-" + cut);
      assertThrows(EOFException.class, () -> read(part, dst), "cut at " + cut);
    }
  }

  private static void read(byte[] stream, Path dst) throws IOException {
    DirStream.read(new ByteArrayInputStream(stream), dst);
  }

  private static byte[] write(DirStream.Listing l) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DirStream.write(l, b);
    return b.toByteArray();
  }

  interface Entries {
    DataOutputStream add(DataOutputStream s) throws IOException;
  }

  /** A stream written by hand, for what {@link DirStream#write} would never write. */
  private static byte[] stream(Entries entries) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream s = new DataOutputStream(b);
    entries.add(s).writeByte(0);
    return b.toByteArray();
  }

  private static DataOutputStream dir(DataOutputStream s, String path) throws IOException {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    s.writeByte(1);
    s.writeShort(p.length);
    s.write(p);
    s.writeShort(0755);
    return s;
  }

  private static DataOutputStream file(DataOutputStream s, String path, String text)
      throws IOException {
    byte[] p = path.getBytes(StandardCharsets.UTF_8);
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    s.writeByte(2);
    s.writeShort(p.length);
    s.write(p);
    s.writeShort(0644);
    s.writeLong(t.length);
    s.write(t);
    return s;
  }

  /** Same relative paths, kinds, bytes and executable bits (links followed). */
  static void assertSameTree(Path a, Path b) throws IOException {
    List<Path> left = tree(a);
    assertEquals(left, tree(b));
    for (Path rel : left) {
      Path x = a.resolve(rel);
      Path y = b.resolve(rel);
      assertEquals(Files.isDirectory(x), Files.isDirectory(y), rel.toString());
      assertEquals(Files.isExecutable(x), Files.isExecutable(y), rel + " executable");
      if (Files.isRegularFile(x)) {
        assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), rel.toString());
      }
    }
  }

  private static List<Path> tree(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.map(root::relativize).sorted().toList();
    }
  }
}
