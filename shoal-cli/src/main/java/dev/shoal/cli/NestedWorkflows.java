package dev.shoal.cli;

import dev.shoal.engine.run.CommandBuilder;
import dev.shoal.engine.run.Wrappers;
import dev.shoal.lang.model.Rule;
import java.nio.file.Path;
import java.util.Map;

/**
 * Sub-workflows ({@code MAKEFLOW file} rules, JX {@code workflow}) run as nested runs of this same
 * program, in the workflow directory, with their own transaction log.
 */
final class NestedWorkflows implements CommandBuilder {
  private final CommandBuilder inner;

  NestedWorkflows(CommandBuilder inner) {
    this.inner = inner;
  }

  @Override
  public String command(Rule rule) {
    if (rule.kind() != Rule.Kind.WORKFLOW) {
      return inner.command(rule);
    }
    StringBuilder cmd = new StringBuilder(Wrappers.shellQuote(launcher())).append(" run");
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

  /** The shoal launcher: {@code shoal.home}/bin/shoal, as set by the launcher script. */
  static String launcher() {
    String home = System.getProperty("shoal.home");
    if (home != null) {
      return Path.of(home, "bin", "shoal").toString();
    }
    return "shoal";
  }
}
