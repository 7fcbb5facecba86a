package dev.shoal.monitor.exec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellPoolSweepTest {
  @TempDir Path tmp;

  @Test
  void sweepStale_removesDirectoriesOfEndedProcessesOnly() throws Exception {
    Process ended = new ProcessBuilder("true").start();
    assertTrue(ended.waitFor(10, TimeUnit.SECONDS));
    Path dead = Files.createDirectory(tmp.resolve("shoal-shells-" + ended.pid() + "-123"));
    Files.createFile(dead.resolve("control-0"));
    Path alive =
        Files.createDirectory(
            tmp.resolve("shoal-shells-" + ProcessHandle.current().pid() + "-456"));
    Path other = Files.createDirectory(tmp.resolve("shoal-shells-notapid-789"));

    ShellPool.sweepStale(tmp);

    assertFalse(Files.exists(dead), "the ended process's directory is removed");
    assertTrue(Files.exists(alive), "a running process's directory stays");
    assertTrue(Files.exists(other), "a name not of our form stays");
  }
}
