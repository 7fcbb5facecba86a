package dev.shoal.cli;

import dev.shoal.engine.run.CommandBuilder;
import dev.shoal.engine.run.Wrappers;
import dev.shoal.lang.model.Rule;
import java.util.Map;

/**
 * Sub-workflows ({@code MAKEFLOW file} rules, JX {@code workflow}) run as nested runs of this same
 * program — the same JVM binary and class path — in the workflow directory, with their own
 * transaction log.
 */
final class NestedWorkflows implements CommandBuilder {
  private final CommandBuilder inner;
  private final String launcher;

  NestedWorkflows(CommandBuilder inner) {
    this.inner = inner;
    this.launcher = launcher();
  }

  @Override
  public String command(Rule rule) {
    if (rule.kind() != Rule.Kind.WORKFLOW) {
      return inner.command(rule);
    }
    StringBuilder cmd = new StringBuilder(launcher).append(" run");
    String file = rule.command();
    if (!rule.nested().isEmpty()) {
      cmd.append(" --jx");
      for (Map.Entry<String, String> e : rule.nested().entrySet()) {
        cmd.append(" --jx-define ").append(Wrappers.shellQuote(e.getKey() + "=" + e.getValue()));
      }
    } else if (file.endsWith(".jx")) {
      cmd.append(" --jx");
    } else if (file.endsWith(".json")) {
      cmd.append(" --json");
    }
    cmd.append(" --no-progress ").append(Wrappers.shellQuote(file));
    return cmd.toString();
  }

  /** How to start this program again: the running JVM with the running class path. */
  private static String launcher() {
    String java = ProcessHandle.current().info().command().orElse("java");
    return Wrappers.shellQuote(java)
        + " -XX:TieredStopAtLevel=1 -cp "
        + Wrappers.shellQuote(System.getProperty("java.class.path"))
        + " "
        + Main.class.getName();
  }
}
