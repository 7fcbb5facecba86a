package dev.shoal.lang;

import java.util.Objects;

/**
 * One problem found in a workflow file, printed as {@code file:line: message}.
 *
 * @param file the file as the user named it
 * @param line 1-based line, or 0 when the problem is not tied to a line
 * @param message what is wrong and what to do, e.g. {@code variable OUT used before it is defined —
 *     define it above this line or export it}
 */
public record Diagnostic(String file, int line, String message) implements Comparable<Diagnostic> {

  public Diagnostic {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
  }

  @Override
  public int compareTo(Diagnostic o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Integer.compare(line, o.line);
  }
}
