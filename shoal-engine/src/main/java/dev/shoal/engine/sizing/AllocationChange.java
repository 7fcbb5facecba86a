package dev.shoal.engine.sizing;

import dev.shoal.lang.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first allocation of a category changed. Immutable; the engine logs it and shows it.
 *
 * @param category the category name
 * @param before the first allocation until now
 * @param after the first allocation from now on
 * @param completions successful completions counted since the last reset when it changed
 */
public record AllocationChange(
    String category, Resources before, Resources after, int completions) {

  /** A one-line description, e.g. {@code category sim: first allocation cores 8 → 1, ...}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    for (ResourceKind kind : ResourceKind.values()) {
      long b = kind.get(before);
      long a = kind.get(after);
      if (a != b) {
        parts.add(
            kind.name().toLowerCase(Locale.ROOT) + " " + kind.format(b) + " → " + kind.format(a));
      }
    }
    return "category "
        + category
        + ": first allocation "
        + String.join(", ", parts)
        + " after "
        + completions
        + " tasks";
  }
}
