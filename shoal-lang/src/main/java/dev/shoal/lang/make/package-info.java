/**
 * The Makeflow (Make-like) workflow language: {@link dev.shoal.lang.make.MakeflowParser} is the
 * only public type.
 *
 * <p>The pieces, in the order text flows through them: {@code LogicalLines} joins continued lines;
 * {@code LineClassifier} decides what each line is ({@code Line}); {@code Expander} substitutes
 * variables looked up in {@code Scopes}; {@code FileList} splits rule headers into files; {@code
 * Directives} handles {@code .MAKEFLOW}, {@code .SIZE} and {@code .UMBRELLA}; {@code RuleFactory}
 * turns a header and a command into a rule; {@code MakeParser} drives them and collects errors.
 *
 * <p>Decision: values are versioned by position, not stored with versions. cctools keeps every
 * assignment with the id of the next rule and looks values up after parsing; here every value is
 * expanded when its line is read and every rule is built when its command is read, so the tables
 * always hold exactly the values visible at the current line. The result is the same (a later
 * assignment never changes an earlier rule) with one table entry per variable instead of one per
 * assignment, and rules read in a row with nothing assigned in between share their environment and
 * resources objects.
 *
 * <p>Decision: resource variables of a rule are looked up along the whole scope chain (rule,
 * category, global, environment), the same way the exported {@code CORES ...} variables are, so a
 * rule's {@code resources} and its task environment always agree. A category's own {@code
 * resources} only holds what was assigned while it was current (for {@code default}: the global
 * table, then the environment).
 *
 * <p>Backslashes follow Makeflow rather than the shell: in commands and values a backslash escapes
 * the next character and is removed ({@code \$} gives {@code $}, {@code \\} one backslash), so a
 * command that needs a backslash for the shell writes two; {@code \n}-style escapes become control
 * characters in values and inside double-quoted command text. Where this parser differs from
 * cctools on purpose: a line indented by spaces is always a command (cctools reads a space-indented
 * line containing {@code =} as an assignment), and quote characters stay in commands byte for byte
 * with white space unchanged (cctools folds runs of blanks outside quotes into one).
 */
package dev.shoal.lang.make;
