/**
 * JSON values and the JX expression language of cctools, with no dependencies (it ships in the
 * worker jar).
 *
 * <ul>
 *   <li>{@link dev.shoal.jx.JxValue}: evaluated values, a sealed family of records; {@link
 *       dev.shoal.jx.JxError} is the JX error value.
 *   <li>{@link dev.shoal.jx.JxExpr}: the parsed expression tree; each node knows its line.
 *   <li>{@link dev.shoal.jx.Jx}: parse and evaluate JX text. {@link dev.shoal.jx.Json}: strict JSON
 *       in and out.
 * </ul>
 *
 * <p>Inside, text flows Lexer → Parser → JxExpr → Evaluator, which uses Operators for operators and
 * Builtins (CoreFunctions, TextFunctions, QueryFunctions, Printf) for calls. Evaluation never
 * throws for a JX-level problem: it returns the first JxError met.
 */
package dev.shoal.jx;
