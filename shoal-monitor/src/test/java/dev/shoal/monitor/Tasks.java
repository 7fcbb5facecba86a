package dev.shoal.monitor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs real commands under a monitor as the local back end would; stops what it starts. */
final class Tasks {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private Tasks() {}

  static String name(String what) {
    return "shoal-test-" + ProcessHandle.current().pid() + "-" + what + "-" + SEQ.incrementAndGet();
  }

  /** Runs {@code script} with /bin/sh in a task of {@code m}; waits at most {@code timeout}. */
  static Summary run(TaskMonitor m, String script, Limits limits, Duration timeout)
      throws IOException, InterruptedException {
    MonitoredTask t = m.prepare(name("t"), TaskConfig.of(script).withLimits(limits));
    Process p =
        new ProcessBuilder(
                "/bin/sh", "-c", t.joinSnippet() + "exec /bin/sh -c \"$1\"", "sh", script)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      t.attach(p.pid());
      boolean ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      assertTrue(ended, "task did not end within " + timeout + ": " + script);
      return t.finish(ExitStatus.fromShell(p.exitValue()));
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      t.release();
    }
  }

  static TaskMonitor monitor(int intervalMs) {
    return TaskMonitor.start(TaskMonitor.Options.system(Duration.ofMillis(intervalMs)));
  }
}
