package dev.shoal.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Real processes for the end-to-end tests: the engine as its own JVM, and killing whole trees. */
final class Processes {
  private Processes() {}

  /**
   * Starts Shoal's {@code makeflow} in a JVM of its own (the java running the tests, their class
   * path), with {@code args} after {@code -X dir}. Standard error goes to {@code stderr}; standard
   * output (where task output lands too) is read by the returned {@link Lines}.
   */
  static Process startShoal(Path dir, Path stderr, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-Xshare:auto");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dshoal.tool=makeflow");
    cmd.add("dev.shoal.cli.Main");
    cmd.add("-X");
    cmd.add(dir.toString());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd)
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }

  /**
   * Freezes {@code root} and every descendant (SIGSTOP), so that nothing forks while the tree is
   * collected, then kills them all with SIGKILL and waits until they are gone. Descendants that
   * left the process group or session (Open MPI's {@code orted}) are found all the same, as long as
   * they were still children of the tree when it was frozen.
   */
  static void killTree(ProcessHandle root) {
    Set<Long> all = new LinkedHashSet<>();
    List<Long> batch =
        root.isAlive() ? List.of(root.pid()) : root.descendants().map(ProcessHandle::pid).toList();
    while (!batch.isEmpty()) {
      signal("STOP", batch);
      all.addAll(batch);
      batch = root.descendants().map(ProcessHandle::pid).filter(p -> !all.contains(p)).toList();
    }
    signal("KILL", List.copyOf(all));
    // Not onExit(): for a process that is not our child it polls every 300 ms or more.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (long pid : all) {
      while (running(pid)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("process " + pid + " still alive 10 s after SIGKILL");
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
      }
    }
  }

  /** Alive and not a zombie: an orphan is reaped only when init gets round to it. */
  static boolean running(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException e) {
      return false;
    }
  }

  private static void signal(String signal, List<Long> pids) {
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> cmd.add(Long.toString(p)));
    try {
      // Exit status ignored: a process may have ended between listing and signalling.
      new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
    } catch (IOException e) {
      throw new AssertionError("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while running " + cmd, e);
    }
  }

  /** The lines a process writes to a stream, read on a thread of their own. */
  static final class Lines {
    private static final String EOF = "\u0000EOF";
    private final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    Lines(InputStream in) {
      Thread.ofPlatform()
          .daemon()
          .name("test-lines")
          .start(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    queue.add(line);
                  }
                } catch (IOException e) {
                  // The process was killed: its stream ends here.
                } finally {
                  queue.add(EOF);
                }
              });
    }

    /**
     * Waits until {@code count} lines matching {@code which} have come (true) or the stream ended
     * first (false). Fails when {@code timeout} passes first.
     */
    boolean await(Predicate<String> which, int count, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      int matched = (int) seen.stream().filter(which).count();
      while (matched < count) {
        String line;
        try {
          line = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
        if (line == null) {
          throw new AssertionError(
              "no " + count + " matching lines after " + timeout + "; got: " + seen);
        }
        if (line.equals(EOF)) {
          queue.add(EOF);
          return false;
        }
        seen.add(line);
        if (which.test(line)) {
          matched++;
        }
      }
      return true;
    }

    /** Waits for the end of the stream; returns every line. */
    List<String> all(Duration timeout) {
      await(l -> false, 1, timeout);
      return List.copyOf(seen);
    }
  }
}
