package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Compares two directory trees for the directory tests of this module. */
public final class SameTree {
  private SameTree() {}

  /** Same relative paths, kinds (links followed), bytes and executable bits. */
  public static void assertSameTree(Path a, Path b) throws IOException {
    List<Path> left = tree(a);
    assertEquals(left, tree(b), "the entries of " + b);
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
