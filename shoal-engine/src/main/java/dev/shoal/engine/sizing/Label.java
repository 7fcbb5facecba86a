package dev.shoal.engine.sizing;

import java.util.Locale;

/**
 * Which allocation an attempt of a rule runs with, and what happens when it exhausts it.
 *
 * <p>A rule starts with its JX {@code allocation} label ({@link #AUTO} when none); {@link
 * CategorySizer#next} gives the label of the next attempt after an exhaustion.
 */
public enum Label {
  /** The category's first allocation; on exhaustion the task may be retried at {@link #MAX}. */
  AUTO,
  /** The category's maximum allocation; exhausting it is a permanent failure. */
  MAX,
  /**
   * Exhaustion is a permanent failure. As a starting label the task runs with the first allocation;
   * as the result of {@link CategorySizer#next} the task is not run again.
   */
  ERROR;

  /**
   * Parses a JX rule's {@code allocation} value: {@code auto} (or its deprecated spelling {@code
   * first}), {@code max}, {@code error}; {@code null} (not given) is {@link #AUTO}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static Label parse(String jx) {
    if (jx == null) {
      return AUTO;
    }
    return switch (jx) {
      case "auto", "first" -> AUTO;
      case "max" -> MAX;
      case "error" -> ERROR;
      default ->
          throw new IllegalArgumentException(
              "allocation \"" + jx + "\" is not one of auto, max, error");
    };
  }

  /** The JX spelling of this label. */
  public String jx() {
    return name().toLowerCase(Locale.ROOT);
  }
}
