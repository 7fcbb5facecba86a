package dev.shoal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a tool in-process with captured output; tasks still run as real processes. */
final class Cli {
  /** What a run printed and returned. */
  record Result(int exit, String out, String err) {}

  private Cli() {}

  static Result run(String tool, Path dir, String... args) {
    List<String> all = new ArrayList<>();
    all.add("-X");
    all.add(dir.toString());
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            tool,
            all.toArray(String[]::new),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Result makeflow(Path dir, String... args) {
    return run("makeflow", dir, args);
  }
}
