package dev.shoal.cli;

import picocli.CommandLine;

/** The version printed by {@code -v/--version}. */
final class Version implements CommandLine.IVersionProvider {
  static final String VERSION = "0.1.0";

  @Override
  public String[] getVersion() {
    return new String[] {
      "shoal " + VERSION + " (makeflow-compatible; Java " + Runtime.version() + ")"
    };
  }
}
