package dev.shoal.lang.make;

/**
 * One classified logical line of a Makeflow file, comments removed; see {@link LineClassifier}.
 * Texts are raw: variables are not yet expanded.
 */
sealed interface Line {

  /** A blank line, a comment, or a command line with nothing but white space or a comment. */
  record Blank() implements Line {}

  /** An indented line: the command of the rule above, leading white space removed. */
  record Command(String text) implements Line {}

  /** A rule header {@code targets : sources}. */
  record Header(String targets, String sources) implements Line {}

  /** {@code NAME=value} or, with {@code append}, {@code NAME+=value}. */
  record Assignment(String name, boolean append, String value) implements Line {}

  /** {@code export} followed by {@code rest}: names, or one assignment. */
  record Export(String rest) implements Line {}

  /** A directive such as {@code .MAKEFLOW CORES 4}, the whole line. */
  record Directive(String text) implements Line {}

  Line BLANK = new Blank();
}
