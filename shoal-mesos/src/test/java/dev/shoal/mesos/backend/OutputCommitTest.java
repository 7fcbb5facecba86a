package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's commit of a staged output: renames only, a directory replaced whole. */
class OutputCommitTest {
  @TempDir Path tmp;

  private Path dir(String name, String... files) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    for (String f : files) {
      Files.writeString(d.resolve(f), name);
    }
    return d;
  }

  @Test
  void directory_replacesAnEarlierDirectoryWhole_theOldOneKeptAside() throws IOException {
    Path target = dir("work/outdir", "old1", "old2");
    Path staged = dir("staging/k.out-0", "new1");
    Path aside = tmp.resolve("staging/k.old-0");
    OutputCommit.commit(staged, target, aside);
    assertEquals(List.of("new1"), names(target));
    assertFalse(Files.exists(staged));
    assertEquals(List.of("old1", "old2"), names(aside), "left for the staging's removal, whole");
  }

  @Test
  void directory_replacesAFile_andAFileReplacesADirectory() throws IOException {
    Path target = Files.writeString(Files.createDirectories(tmp.resolve("work")).resolve("o"), "f");
    OutputCommit.commit(dir("staging/a", "x"), target, tmp.resolve("staging/a.old"));
    assertEquals(List.of("x"), names(target));
    Path file = Files.writeString(tmp.resolve("staging/b"), "file now");
    OutputCommit.commit(file, target, tmp.resolve("staging/b.old"));
    assertEquals("file now", Files.readString(target));
    assertEquals(List.of("a.old", "b.old"), names(tmp.resolve("staging")), "the replaced ones");
  }

  @Test
  void failedSecondRename_putsTheOldDirectoryBack() throws IOException {
    Path target = dir("work/outdir", "old");
    Path staged = Files.createDirectories(tmp.resolve("staging")).resolve("k.out-0"); // vanished
    assertThrows(
        NoSuchFileException.class,
        () -> OutputCommit.commit(staged, target, tmp.resolve("staging/k.old-0")));
    assertEquals(List.of("old"), names(target));
  }

  /** A reader listing the directory while it is replaced sees one whole version, or none. */
  @Test
  void concurrentReader_neverSeesHalfADirectory() throws Exception {
    Set<String> old = Set.of("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7");
    Set<String> fresh = Set.of("b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7");
    Path target = dir("work/outdir", old.toArray(String[]::new));
    AtomicBoolean done = new AtomicBoolean();
    Set<Set<String>> seen = ConcurrentHashMap.newKeySet();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (!done.get()) {
                    try (Stream<Path> s = Files.list(target)) {
                      seen.add(Set.copyOf(s.map(p -> p.getFileName().toString()).toList()));
                    } catch (IOException e) {
                      seen.add(Set.of()); // none for a moment: allowed
                    }
                  }
                });
    try {
      for (int i = 0; i < 200; i++) {
        Set<String> next = i % 2 == 0 ? fresh : old;
        Path staged = dir("staging/s" + i, next.toArray(String[]::new));
        OutputCommit.commit(staged, target, tmp.resolve("staging/aside" + i));
      }
    } finally {
      done.set(true);
      reader.join();
    }
    seen.remove(Set.of());
    assertTrue(Set.of(old, fresh).containsAll(seen), "a reader saw part of a directory: " + seen);
    try (Stream<Path> s = Files.list(tmp.resolve("staging"))) {
      assertTrue(
          s.allMatch(p -> p.getFileName().toString().startsWith("aside")),
          "every staged version was moved in; only replaced ones wait for the staging's removal");
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
