package dev.shoal.monitor;

/** The {@code exit_type} of a summary. */
public enum ExitType {
  NORMAL("normal"),
  SIGNAL("signal"),
  /** Killed for exceeding a limit. cctools 7 and 8 write {@code limits}; older docs say limit. */
  LIMIT("limits");

  private final String word;

  ExitType(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  /** The type of a summary's word; accepts {@code limit} as well as {@code limits}. */
  public static ExitType of(String word) {
    return switch (word) {
      case "normal" -> NORMAL;
      case "signal" -> SIGNAL;
      case "limits", "limit" -> LIMIT;
      default ->
          throw new IllegalArgumentException(
              "exit_type '" + word + "' is none of normal, signal, limits");
    };
  }
}
