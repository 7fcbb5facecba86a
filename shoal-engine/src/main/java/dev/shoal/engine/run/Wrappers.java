package dev.shoal.engine.run;

import dev.shoal.lang.model.Rule;
import java.util.List;

/**
 * {@code --wrapper}: each wrapper is a command prefix. {@code {}} stands for the command text,
 * {@code []} for the command quoted for the shell; with neither, {@code /bin/sh -c <quoted>} is
 * appended. {@code %%} stands for the rule number. Wrappers nest: the first given is outermost.
 */
public final class Wrappers implements CommandBuilder {
  private final List<String> wrappers;
  private final CommandBuilder inner;

  public Wrappers(List<String> wrappers, CommandBuilder inner) {
    this.wrappers = List.copyOf(wrappers);
    this.inner = inner;
  }

  @Override
  public String command(Rule rule) {
    String cmd = inner.command(rule);
    for (int i = wrappers.size() - 1; i >= 0; i--) {
      cmd = wrap(wrappers.get(i), cmd, rule.id());
    }
    return cmd;
  }

  /** Applies one wrapper to {@code command}. */
  public static String wrap(String wrapper, String command, int rule) {
    String w = wrapper.replace("%%", Integer.toString(rule));
    if (w.contains("{}")) {
      return w.replace("{}", command);
    }
    if (w.contains("[]")) {
      return w.replace("[]", shellQuote(command));
    }
    return w + " /bin/sh -c " + shellQuote(command);
  }

  /** {@code s} as one single-quoted shell word. */
  public static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
