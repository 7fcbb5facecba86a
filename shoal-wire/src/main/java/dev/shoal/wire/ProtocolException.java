package dev.shoal.wire;

import java.io.IOException;

/**
 * The peer sent something that is not a well-formed Work Queue message: an over-long or truncated
 * line, a bad number, an unknown verb, a payload larger than the configured limit. The connection
 * should be closed: after this exception the stream position is unspecified.
 */
public final class ProtocolException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Longest excerpt of offending text kept in the message. */
  static final int MAX_EXCERPT = 120;

  private final String offending;
  private final String expected;

  /**
   * @param offending the text received (truncated here to {@value #MAX_EXCERPT} characters, control
   *     characters escaped)
   * @param expected what the codec expected instead, e.g. {@code "result <status> <exit> <len>
   *     <usec> <taskid>"}
   */
  public ProtocolException(String offending, String expected) {
    super(describe(excerpt(offending), expected));
    this.offending = excerpt(offending);
    this.expected = expected;
  }

  /** The offending text, truncated and with control characters escaped. */
  public String offending() {
    return offending;
  }

  /** What was expected instead. */
  public String expected() {
    return expected;
  }

  private static String describe(String offending, String expected) {
    return "Work Queue protocol error: got '" + offending + "', expected " + expected;
  }

  static String excerpt(String text) {
    if (text == null) {
      return "<end of stream>";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < text.length() && b.length() < MAX_EXCERPT; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else {
        b.append(c);
      }
    }
    if (b.length() >= MAX_EXCERPT && text.length() > MAX_EXCERPT) {
      b.append("… (").append(text.length()).append(" chars)");
    }
    return b.toString();
  }
}
