package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * {@code -T dryrun}: the workflow as a serial shell script, rules in an order that respects their
 * dependencies (each rule after the rules making its inputs, otherwise in file order).
 */
public final class DryRun {
  private DryRun() {}

  public static String script(Dag dag, Path workDir, CommandBuilder commands) {
    StringBuilder sb = new StringBuilder();
    sb.append("#!/bin/sh\n");
    sb.append("# ").append(dag.workflow().file()).append(": ");
    sb.append(dag.ruleCount()).append(" rule(s), as makeflow would run them one at a time\n");
    sb.append("set -e\n");
    sb.append("cd ").append(Wrappers.shellQuote(workDir.toString())).append('\n');
    RunState order = new RunState(dag, new BitSet());
    while (!order.ready.isEmpty()) {
      int r = order.ready.poll();
      sb.append("\n# rule ").append(r).append(" (line ").append(dag.rule(r).line()).append(")\n");
      sb.append(commands.command(dag.rule(r))).append('\n');
      dag.forEachTarget(
          r,
          f ->
              dag.forEachConsumer(
                  f,
                  c -> {
                    if (order.satisfy(c)) {
                      order.ready.add(c);
                    }
                  }));
    }
    return sb.toString();
  }
}
