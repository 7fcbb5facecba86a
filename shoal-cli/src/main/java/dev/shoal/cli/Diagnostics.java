package dev.shoal.cli;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import java.io.PrintWriter;

/** Prints workflow problems the way compilers do: one {@code file:line: message} per line. */
final class Diagnostics {
  private Diagnostics() {}

  /** Prints every problem and a count; returns exit code 2. */
  static int report(WorkflowException e, PrintWriter err) {
    for (Diagnostic d : e.diagnostics()) {
      err.println(d);
    }
    int n = e.diagnostics().size();
    err.println(n == 1 ? "1 error; nothing was run." : n + " errors; nothing was run.");
    err.flush();
    return 2;
  }
}
