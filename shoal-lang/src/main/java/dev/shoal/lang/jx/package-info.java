/**
 * Reads JSON and JX workflows ({@code makeflow --json}, {@code --jx}) into the {@link
 * dev.shoal.lang.model.Workflow} model: {@link dev.shoal.lang.jx.JxWorkflowReader} is the entry
 * point; JxContext builds the evaluation context from {@code define}, {@code --jx-args} and {@code
 * --jx-define}; RuleReader and JxFields convert evaluated values to rules, categories, resources
 * and environments, reporting every problem as a {@link dev.shoal.lang.Diagnostic}.
 */
package dev.shoal.lang.jx;
