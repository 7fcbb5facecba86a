package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A SHRIMP-shaped workflow (split → N maps over a shared reference → combine) on the fake master
 * with two agents against the local back end, median of 3 each. Not part of the suite:
 *
 * <pre>
 * ./mvnw -o -q -B verify -pl shoal-mesos -am -Dtest=MesosShrimpBench \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dshoal.bench.mesos=200
 * </pre>
 */
@EnabledIfSystemProperty(named = "shoal.bench.mesos", matches = "\\d+")
class MesosShrimpBench extends MesosHarness {
  /**
   * Tasks ask 0.95 cpus so that two fit on an agent beside the Shoal executor's 0.1 ({@code
   * -Dshoal.bench.cpus} to change).
   */
  private static final double TASK_CPUS =
      Double.parseDouble(System.getProperty("shoal.bench.cpus", "0.95"));

  /**
   * The local back end gets as many cores as the two agents offer together (2 × 2 cpus): {@code -j
   * 4} on 4 cores, one task per core ({@code -Dshoal.bench.localcores} to change).
   */
  private static final int LOCAL_CORES = Integer.getInteger("shoal.bench.localcores", 4);

  /** Rounds of each back end, the median reported ({@code -Dshoal.bench.rounds}, 3 by default). */
  private static final int ROUNDS = Integer.getInteger("shoal.bench.rounds", 3);

  /** The executors measured ({@code -Dshoal.bench.modes=shoal} to skip the slow command one). */
  private static final List<ExecutorChoice.Mode> MODES =
      java.util.Arrays.stream(System.getProperty("shoal.bench.modes", "command,shoal").split(","))
          .map(m -> ExecutorChoice.Mode.valueOf(m.strip().toUpperCase(Locale.ROOT)))
          .toList();

  @Test
  void shrimp_mesosVersusLocal() throws Exception {
    int n = Integer.parseInt(System.getProperty("shoal.bench.mesos"));
    int refMb = Integer.getInteger("shoal.bench.refmb", 2);
    String makeflow = shrimp(n);
    List<Double> local = new ArrayList<>();
    List<Double> command = new ArrayList<>();
    List<Double> shoal = new ArrayList<>();
    List<Double> localCpu = new ArrayList<>();
    List<Double> commandCpu = new ArrayList<>();
    List<Double> shoalCpu = new ArrayList<>();
    int maxDownloads = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path l = prepare(tmp.resolve("local-" + round), n, refMb);
      Files.writeString(l.resolve("Makeflow"), makeflow);
      long t0 = System.nanoTime();
      double c0 = cpuSeconds();
      assertEquals(
          RunOutcome.Status.COMPLETED, run(l, null, b -> {}, e -> {}, LOCAL_CORES).status());
      local.add((System.nanoTime() - t0) / 1e9);
      System.out.println("local phases: " + phases(l, n));
      localCpu.add(cpuSeconds() - c0);
      for (ExecutorChoice.Mode mode : MODES) {
        Path m = prepare(tmp.resolve(mode + "-" + round), n, refMb);
        int callsBefore = master.calls().size();
        long t1 = System.nanoTime();
        double c1 = cpuSeconds();
        RunOutcome r = run(m, makeflow, o -> withMode(o, mode), true);
        (mode == ExecutorChoice.Mode.SHOAL ? shoal : command).add((System.nanoTime() - t1) / 1e9);
        assertEquals(RunOutcome.Status.COMPLETED, r.status());
        System.out.println(mode + " phases: " + phases(m, n));
        assertArrayEquals(
            Files.readAllBytes(l.resolve("combined.txt")),
            Files.readAllBytes(m.resolve("combined.txt")));
        assertTrue(master.awaitExecutorsExited(java.time.Duration.ofSeconds(20)));
        (mode == ExecutorChoice.Mode.SHOAL ? shoalCpu : commandCpu).add(cpuSeconds() - c1);
        List<String> calls = master.calls();
        System.out.println(
            mode
                + " calls to the master: "
                + calls.subList(callsBefore, calls.size()).stream()
                    .collect(
                        java.util.stream.Collectors.groupingBy(
                            c -> c,
                            java.util.TreeMap::new,
                            java.util.stream.Collectors.counting())));
        assertEquals(List.of(), master.sandboxFiles());
        FileServer files = backend.fileServer();
        System.out.println(
            mode
                + " file server: "
                + files.downloadsServed()
                + " files downloaded, "
                + files.batchRequests()
                + " batch requests");
        maxDownloads = Math.max(maxDownloads, files.maxConcurrentDownloads());
        assertTrue(maxDownloads <= 8);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n| maps (cpus %.2f, local cores "
            + LOCAL_CORES
            + ") | ref MiB | -T local median s (runs) | command executor median s (runs) | Shoal"
            + " executor median s (runs) | command/local | shoal/local | max downloads (limit 8)"
            + " |%n| %d | %d | %.2f %s | %.2f %s | %.2f %s | %.1fx | %.2fx | %d |%n",
        TASK_CPUS,
        n,
        refMb,
        median(local),
        fmt(local),
        median(command),
        fmt(command),
        median(shoal),
        fmt(shoal),
        median(command) / median(local),
        median(shoal) / median(local),
        maxDownloads);
    System.out.printf(
        Locale.ROOT,
        "CPU s (this JVM and every process it waited for): local %.2f %s, command %.2f %s, shoal"
            + " %.2f %s%n",
        median(localCpu),
        fmt(localCpu),
        median(commandCpu),
        fmt(commandCpu),
        median(shoalCpu),
        fmt(shoalCpu));
  }

  /**
   * CPU seconds of this JVM and of the children it reaped (the agents' executors and through them
   * every task), from {@code /proc/self/stat}: what a run cost the machine, beside its wall time.
   */
  private static double cpuSeconds() throws java.io.IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = 0;
    for (int i = 11; i <= 14; i++) { // utime, stime, cutime, cstime (fields 14-17)
      ticks += Long.parseLong(f[i]);
    }
    return ticks / 100.0;
  }

  /**
   * Where a run's time went, from its transaction log: the split (node 0) from the start to its
   * end, the maps from then to the combine's dispatch (node {@code n + 1}), and the combine.
   */
  private static String phases(Path dir, int n) throws java.io.IOException {
    long started = 0;
    long splitEnd = 0;
    long combineStart = 0;
    long end = 0;
    for (String line : Files.readAllLines(dir.resolve("Makeflow.makeflowlog"))) {
      String[] f = line.split(" ");
      if (line.startsWith("# STARTED")) {
        started = Long.parseLong(f[2]);
      } else if (!line.startsWith("#") && f.length >= 3) {
        long ts = Long.parseLong(f[0]);
        int node = Integer.parseInt(f[1]);
        int state = Integer.parseInt(f[2]);
        if (node == 0 && state == 2) {
          splitEnd = ts;
        } else if (node == n + 1 && state == 1) {
          combineStart = ts;
        } else if (node == n + 1 && state == 2) {
          end = ts;
        }
      }
    }
    return String.format(
        Locale.ROOT,
        "split %.2f s, maps %.2f s, combine %.2f s",
        (splitEnd - started) / 1e6,
        (combineStart - splitEnd) / 1e6,
        (end - combineStart) / 1e6);
  }

  /** Trivial tasks ({@code echo i > t.i}) per second, command executor against Shoal executor. */
  @Test
  void trivialTasks_commandVersusShoalExecutor() throws Exception {
    int n = Integer.getInteger("shoal.bench.trivial", 100);
    StringBuilder mf = new StringBuilder();
    for (int i = 0; i < n; i++) {
      mf.append("t.")
          .append(i)
          .append(":\n\techo ")
          .append(i)
          .append(" > t.")
          .append(i)
          .append("\n\n");
    }
    List<Double> command = new ArrayList<>();
    List<Double> shoal = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (ExecutorChoice.Mode mode :
          List.of(ExecutorChoice.Mode.COMMAND, ExecutorChoice.Mode.SHOAL)) {
        Path d = Files.createDirectories(tmp.resolve("trivial-" + mode + "-" + round));
        long t0 = System.nanoTime();
        RunOutcome r = run(d, mf.toString(), o -> withMode(o, mode), true);
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(RunOutcome.Status.COMPLETED, r.status());
        (mode == ExecutorChoice.Mode.SHOAL ? shoal : command).add(n / s);
        assertTrue(master.awaitExecutorsExited(java.time.Duration.ofSeconds(20)));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n| trivial tasks (cpus %.2f) | command executor median tasks/s (runs) | Shoal executor median"
            + " tasks/s (runs) | shoal/command |%n| %d | %.1f %s | %.1f %s | %.1fx |%n",
        TASK_CPUS,
        n,
        median(command),
        fmt(command),
        median(shoal),
        fmt(shoal),
        median(shoal) / median(command));
  }

  /**
   * Bundling as {@code --mesos-bundle} sets it ({@code -Dshoal.bench.bundle=N}, 1 for off), with
   * the seconds of work a bundle aims at ({@code -Dshoal.bench.bundletarget}).
   */
  private static final Bundling BUNDLING =
      new Bundling(
          Integer.getInteger("shoal.bench.bundle", Bundling.DEFAULT.maxSize()),
          Bundling.DEFAULT.learnFrom(),
          Bundling.DEFAULT.shortSeconds(),
          Double.parseDouble(
              System.getProperty(
                  "shoal.bench.bundletarget", Double.toString(Bundling.DEFAULT.targetSeconds()))));

  private static MesosOptions withMode(MesosOptions o, ExecutorChoice.Mode mode) {
    return o.withDefaults(TASK_CPUS, 64, 64)
        .withExecutor(ExecutorChoice.DEFAULT.withMode(mode).withBundling(BUNDLING));
  }

  private static String shrimp(int n) {
    StringBuilder chunks = new StringBuilder();
    StringBuilder maps = new StringBuilder();
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < n; i++) {
      chunks.append(" chunk.").append(i);
      maps.append(" map.").append(i);
      rules.append("map.").append(i).append(": chunk.").append(i).append(" ref.dat\n\t");
      rules.append("wc -c chunk.").append(i).append(" ref.dat > map.").append(i).append("\n\n");
    }
    return "ref.dat"
        + chunks
        + ": split.sh\n\tsh split.sh\n\n"
        + rules
        + "combined.txt:"
        + maps
        + "\n\tcat"
        + maps
        + " > combined.txt\n";
  }

  private static Path prepare(Path dir, int n, int refMb) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("split.sh"),
        "head -c "
            + refMb
            + "M /dev/zero | tr '\\0' r > ref.dat\n"
            + "i=0\nwhile [ $i -lt "
            + n
            + " ]; do head -c $(( (i * 7919 % 64 + 1) * 1024 )) /dev/zero | tr '\\0' c"
            + " > chunk.$i; i=$((i + 1)); done\n");
    return dir;
  }

  private static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      return Double.NaN; // that executor was not measured
    }
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }

  private static String fmt(List<Double> xs) {
    return xs.stream().map(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString();
  }
}
