package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End-to-end cases, one folder each under {@code src/test/resources/e2e/}, numbered by area. A
 * folder holds the workflow and its input files, and {@code case.properties}:
 *
 * <ul>
 *   <li>{@code tool} (default makeflow), {@code args} (space-separated), {@code exit} (default 0);
 *   <li>{@code absent}: files that must not exist afterwards;
 *   <li>{@code stdout.contains}: a string the standard output must contain;
 *   <li>{@code log.contains}: a line the transaction log {@code Makeflow.makeflowlog} must hold
 *       ({@code \t} for a tab).
 * </ul>
 *
 * Files under {@code expect/} must exist afterwards with exactly that content; {@code
 * stderr.golden}, if present, must equal the standard error (the work directory is written {@code
 * $DIR}). The case runs on a copy of its folder: real processes, real files.
 */
class E2eCasesTest {
  private static final Path CASES = Path.of("src/test/resources/e2e");

  @TempDir Path tmp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void runCase(String name) throws IOException {
    Path src = CASES.resolve(name);
    Path dir = tmp.resolve(name);
    copy(src, dir);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(src.resolve("case.properties"))) {
      p.load(r);
    }
    List<String> args = words(p.getProperty("args", ""));
    Cli.Result res = Cli.run(p.getProperty("tool", "makeflow"), dir, args.toArray(String[]::new));
    String context = name + "\nstdout:\n" + res.out() + "\nstderr:\n" + res.err();
    assertEquals(Integer.parseInt(p.getProperty("exit", "0")), res.exit(), context);
    Path golden = src.resolve("stderr.golden");
    if (Files.exists(golden)) {
      assertEquals(
          Files.readString(golden).strip(),
          res.err().replace(dir.toString(), "$DIR").strip(),
          context);
    }
    String contains = p.getProperty("stdout.contains");
    if (contains != null) {
      assertTrue(res.out().contains(contains), context);
    }
    String logLine = p.getProperty("log.contains");
    if (logLine != null) {
      List<String> log = Files.readAllLines(dir.resolve("Makeflow.makeflowlog"));
      assertTrue(log.contains(logLine), logLine + " not in the log\n" + String.join("\n", log));
    }
    Path expect = src.resolve("expect");
    if (Files.isDirectory(expect)) {
      try (Stream<Path> s = Files.walk(expect)) {
        for (Path e : s.filter(Files::isRegularFile).toList()) {
          Path actual = dir.resolve(expect.relativize(e).toString());
          assertTrue(Files.exists(actual), "missing " + actual + "\n" + context);
          assertEquals(Files.readString(e), Files.readString(actual), actual + "\n" + context);
        }
      }
    }
    for (String f : p.getProperty("absent", "").trim().split("\\s+")) {
      if (!f.isEmpty()) {
        assertFalse(Files.exists(dir.resolve(f)), f + " should not exist\n" + context);
      }
    }
  }

  /** Splits on blanks; single quotes group words with blanks in them. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(cur.toString());
        }
        cur.setLength(0);
        any = false;
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith("expect")
            || rel.toString().equals("case.properties")
            || rel.toString().equals("stderr.golden")) {
          continue;
        }
        Path t = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
