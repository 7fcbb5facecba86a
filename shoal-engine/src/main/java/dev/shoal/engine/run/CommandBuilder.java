package dev.shoal.engine.run;

import dev.shoal.lang.model.Rule;

/** Turns a rule into the shell command a back end runs: wrappers, nested workflows. Pure. */
@FunctionalInterface
public interface CommandBuilder {
  String command(Rule rule);

  /** The rule's own command, unchanged. */
  CommandBuilder PLAIN = Rule::command;
}
