package dev.shoal.jx;

import java.util.Objects;

/**
 * A JX error value: evaluation stopped because an operator or function was misapplied. An error met
 * as an operand or argument is passed up unchanged, so the first error is what a whole evaluation
 * returns.
 *
 * @param kind the JX error name ({@code undefined symbol}, {@code mismatched types}, {@code
 *     division by zero}, {@code range error}, {@code key not found}, {@code invalid arguments},
 *     {@code unsupported operator}, {@code arithmetic error}, {@code disabled function}, or {@code
 *     user} for an {@code Error{...}} literal)
 * @param message what went wrong and what to do about it
 * @param line 1-based source line of the expression that failed, 0 if unknown
 */
public record JxError(String kind, String message, int line) implements JxValue {

  public JxError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String typeName() {
    return "error";
  }

  /** {@code line N: message}, or just the message when the line is unknown. */
  @Override
  public String toString() {
    return line > 0 ? "line " + line + ": " + message : message;
  }
}
