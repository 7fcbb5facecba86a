package dev.shoal.worker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether Debian's cctools are installed; tests skip without them unless SHOAL_REQUIRE_CCTOOLS=1.
 */
final class Cctools {
  private Cctools() {}

  static Path require(String tool) {
    Path p = Path.of("/usr/bin", tool);
    if (!Files.isExecutable(p)) {
      if ("1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS"))) {
        throw new AssertionError(
            p + " is missing but SHOAL_REQUIRE_CCTOOLS=1: apt-get install coop-computing-tools");
      }
      assumeTrue(false, "cctools " + tool + " not installed");
    }
    return p;
  }
}
