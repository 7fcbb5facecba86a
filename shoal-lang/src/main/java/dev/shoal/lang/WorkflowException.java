package dev.shoal.lang;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow could not be read or failed its checks: every problem found, in file order. */
public final class WorkflowException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Diagnostic> diagnostics;

  public WorkflowException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("a WorkflowException needs at least one diagnostic");
    }
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
