package dev.shoal.mesos;

import java.util.List;
import java.util.Map;

/**
 * What to run: with {@code shell} true, {@code value} is run by {@code /bin/sh -c}; otherwise
 * {@code value} is the program and {@code arguments} its argv. The fetcher first downloads each URI
 * into the sandbox.
 *
 * @param environment variables added to the task's environment, in order
 * @param user the user to run as, or {@code null} for the framework's user
 */
public record CommandInfo(
    String value,
    boolean shell,
    List<String> arguments,
    List<Uri> uris,
    Map<String, String> environment,
    String user) {

  public CommandInfo {
    arguments = List.copyOf(arguments);
    uris = List.copyOf(uris);
    environment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }

  /** A shell command with no URIs and no extra environment. */
  public static CommandInfo shell(String command) {
    return new CommandInfo(command, true, List.of(), List.of(), Map.of(), null);
  }

  public CommandInfo withUris(List<Uri> newUris) {
    return new CommandInfo(value, shell, arguments, newUris, environment, user);
  }

  public CommandInfo withEnvironment(Map<String, String> env) {
    return new CommandInfo(value, shell, arguments, uris, env, user);
  }

  /**
   * A file the fetcher puts in the sandbox before the command starts.
   *
   * @param executable make it executable (and do not extract it)
   * @param extract unpack archives (Mesos' default is true)
   * @param cache fetch through the agent's fetcher cache
   * @param outputFile name in the sandbox, or {@code null} for the URI's last path segment
   */
  public record Uri(
      String value, boolean executable, boolean extract, boolean cache, String outputFile) {
    public Uri {
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("URI value is empty");
      }
    }

    /** A plain file, not extracted, not cached. */
    public static Uri file(String value) {
      return new Uri(value, false, false, false, null);
    }
  }
}
