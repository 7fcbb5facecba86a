package dev.shoal.lang.jx;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowException;
import java.util.ArrayList;
import java.util.List;

/** Collects the diagnostics of one read; not thread-safe (one per read). */
final class Problems {
  private final List<Diagnostic> list = new ArrayList<>();

  void add(String file, int line, String message) {
    list.add(new Diagnostic(file, line, message));
  }

  boolean isEmpty() {
    return list.isEmpty();
  }

  int count() {
    return list.size();
  }

  /** Throws every diagnostic collected so far, in file and line order, if there is any. */
  void throwIfAny() throws WorkflowException {
    if (!list.isEmpty()) {
      List<Diagnostic> sorted = new ArrayList<>(list);
      sorted.sort(null);
      throw new WorkflowException(sorted);
    }
  }
}
