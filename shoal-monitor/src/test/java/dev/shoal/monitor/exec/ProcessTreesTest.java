package dev.shoal.monitor.exec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessTreesTest {

  @Test
  void stopStale_taskSubshell_isStoppedWhateverTheCommand() throws Exception {
    // A task's subshell is a fork of "/bin/sh -s": its command line does not show the command.
    Process shell = new ProcessBuilder("/bin/sh", "-s").start();
    try {
      ProcessTrees.stopStale(Long.toString(shell.pid()), "echo begun && cat gate > out");
      assertTrue(shell.waitFor(10, TimeUnit.SECONDS), "the stale task shell still runs");
    } finally {
      shell.destroyForcibly();
    }
  }

  @Test
  void stopStale_processRunningTheCommand_isStopped() throws Exception {
    Process task = new ProcessBuilder("/bin/sh", "-c", "read x").start();
    try {
      ProcessTrees.stopStale(Long.toString(task.pid()), "read x");
      assertTrue(task.waitFor(10, TimeUnit.SECONDS), "the stale task still runs");
    } finally {
      task.destroyForcibly();
    }
  }

  @Test
  void stopStale_otherProcessWithThePid_isLeftAlone() throws IOException {
    Process other = new ProcessBuilder("cat").start();
    try {
      ProcessTrees.stopStale(Long.toString(other.pid()), "echo begun && cat gate > out");
      // stopStale returns only after deciding; a process it stopped would be signalled by then.
      assertTrue(other.isAlive(), "a process that is not a task was stopped");
    } finally {
      other.destroyForcibly();
    }
  }
}
