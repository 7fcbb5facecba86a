package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.engine.log.LogReader;
import dev.shoal.engine.log.LogRecord;
import dev.shoal.mesos.backend.LauncherJar;
import dev.shoal.mesos.factory.LaunchLog;
import dev.shoal.mesos.factory.WorkerJar;
import dev.shoal.mesos.fake.FakeMesosMaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's Table I at small scale (issue 5): the same workflow with greedy requests (category
 * CORES=4 MEMORY=5000) in the four configurations — direct ({@code -T mesos}), direct + sizing,
 * workers ({@code -T wq} with {@code shoal factory -T mesos}), workers + sizing — on the fake
 * master with 2 agents of 4 cpus and 8 GB. Not in the suite:
 *
 * <pre>
 * ./mvnw -o -q -B verify -pl shoal-cli -am -Dtest=TableOneBench \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dshoal.bench.table1=60
 * </pre>
 *
 * Each task reads a 1 MB input, burns {@code shoal.bench.burn} (0.5) s of CPU, sleeps {@code
 * shoal.bench.sleep} (1.5) s and writes its CPU time (its own {@code process_time}) into its
 * output. Used/allocated CPU is the sum of those CPU times over the core-seconds Mesos handed out
 * until the workflow ended (each Mesos task's cpus × its time from LAUNCH to its terminal update:
 * the tasks themselves when direct, the workers when through workers). Mean task time is from the
 * transaction log (RUNNING to COMPLETE); transfer rate is the bytes the tasks read and wrote over
 * the total transfer time the engine side spent on them, as its back end reports.
 */
@EnabledIfSystemProperty(named = "shoal.bench.table1", matches = "\\d+")
class TableOneBench {
  /** The back ends' "transfers:" lines (logged at DEBUG when they close). */
  private static final List<String> TRANSFERS = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Held strongly: java.util.logging keeps loggers by weak reference. */
  private static final List<java.util.logging.Logger> LOGGERS = new ArrayList<>();

  @TempDir Path tmp;

  @org.junit.jupiter.api.BeforeAll
  static void captureTransfers() {
    for (String name :
        List.of("dev.shoal.mesos.backend.MesosBackend", "dev.shoal.wq.manager.WorkQueueBackend")) {
      java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
      l.setLevel(java.util.logging.Level.ALL);
      l.addHandler(
          new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
              if (r.getMessage() != null && r.getMessage().startsWith("transfers: ")) {
                TRANSFERS.add(r.getMessage());
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          });
      LOGGERS.add(l);
    }
  }

  record Row(
      String name,
      double seconds,
      double meanTask,
      double mbPerSecond,
      double cpuRatio,
      double settledCpuRatio,
      int n) {}

  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.MINUTES)
  void tableOne() throws Exception {
    int n = Integer.getInteger("shoal.bench.table1");
    List<Row> rows = new ArrayList<>();
    rows.add(run("direct", n, false, false));
    rows.add(run("direct + sizing", n, false, true));
    rows.add(run("workers", n, true, false));
    rows.add(run("workers + sizing", n, true, true));
    StringBuilder t = new StringBuilder();
    t.append(
        "| configuration | total s | mean task s | transfer MB/s | used/allocated CPU"
            + " | same, after sizing settled |\n"
            + "| --- | --- | --- | --- | --- | --- |\n");
    for (Row r : rows) {
      t.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %.2f | %s | %.3f | %s |%n",
              r.name(),
              r.seconds(),
              r.meanTask(),
              Double.isNaN(r.mbPerSecond()) ? "n/a" : String.format("%.1f", r.mbPerSecond()),
              r.cpuRatio(),
              Double.isNaN(r.settledCpuRatio())
                  ? "—"
                  : String.format(Locale.ROOT, "%.3f", r.settledCpuRatio())));
    }
    System.out.println("Table I (" + n + " tasks, 2 agents of 4 cpus / 8 GB):\n" + t);
  }

  private Row run(String name, int n, boolean workers, boolean sizing) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name.replaceAll("[^a-z]+", "-")));
    TRANSFERS.clear();
    writeWorkflow(dir, n);
    LaunchLog launches = new LaunchLog();
    long nano0 = System.nanoTime();
    java.time.Instant wall0 = java.time.Instant.now();
    long micros0 = wall0.getEpochSecond() * 1_000_000L + wall0.getNano() / 1000;
    Cli.Result r;
    long start;
    long end;
    try (FakeMesosMaster master = LaunchLog.start(launches, dir.resolve("agents"))) {
      master.addAgent(4, 8192, 20000);
      master.addAgent(4, 8192, 20000);
      List<String> args = new ArrayList<>(List.of("--no-progress"));
      if (sizing) {
        args.add("--allocation=waste");
      }
      if (!workers) {
        args.addAll(
            List.of(
                "-T",
                "mesos",
                "--mesos-master=" + master.address(),
                "--mesos-launcher-jar=" + LauncherJar.get(),
                "--mesos-java=" + LauncherJar.java(),
                "--mesos-file-host=127.0.0.1",
                "--mesos-executor=command", // no room beside a 4-cpu task for an executor
                "Makeflow"));
        start = System.nanoTime();
        r = Cli.makeflow(dir, args.toArray(String[]::new));
        end = System.nanoTime();
      } else {
        args.addAll(List.of("-T", "wq", "-Z", "port", "Makeflow"));
        start = System.nanoTime();
        CompletableFuture<Cli.Result> run =
            CompletableFuture.supplyAsync(() -> Cli.makeflow(dir, args.toArray(String[]::new)));
        int port =
            WorkQueueWorkers.awaitPort(dir.resolve("port"), java.time.Duration.ofSeconds(60));
        Process factory = startFactory(dir, master.address(), port);
        try {
          r = run.get(20, TimeUnit.MINUTES);
          end = System.nanoTime();
        } finally {
          factory.destroy();
          factory.waitFor(30, TimeUnit.SECONDS);
          Processes.killTree(factory.toHandle());
        }
      }
      assertEquals(List.of(), master.protocolErrors());
    }
    assertEquals(0, r.exit(), name + ":\n" + r.out() + r.err());
    LogTimes times = LogTimes.read(dir);
    // The log's clock (epoch micros) on System.nanoTime's axis; MAX_VALUE: never settled.
    long settled =
        times.settledMicros() < 0
            ? Long.MAX_VALUE
            : nano0 + (times.settledMicros() - micros0) * 1000;
    double used = 0;
    double usedSettled = 0;
    for (int k = 0; k < n; k++) {
      String[] f = Files.readString(dir.resolve("out." + k)).strip().split(" ");
      double cpu = Double.parseDouble(f[1]);
      used += cpu;
      Long began = times.started().get(k); // rule k is node k
      if (began != null && nano0 + (began - micros0) * 1000 >= settled) {
        usedSettled += cpu;
      }
    }
    double allocated = 0;
    double allocatedSettled = 0;
    Map<dev.shoal.mesos.TaskId, Long> ends = launches.endNanos();
    for (LaunchLog.Launch l : launches.launches()) {
      long to = Math.min(ends.getOrDefault(l.task(), end), end);
      allocated += l.cpus() * Math.max(0, to - l.nanos()) / 1e9;
      allocatedSettled += l.cpus() * Math.max(0, to - Math.max(l.nanos(), settled)) / 1e9;
    }
    Row row =
        new Row(
            name,
            (end - start) / 1e9,
            times.meanTaskSeconds(),
            transferRate(String.join("\n", TRANSFERS)),
            used / allocated,
            allocatedSettled > 0 ? usedSettled / allocatedSettled : Double.NaN,
            n);
    System.out.printf(
        Locale.ROOT,
        "%s: %s; used %.1f of %.1f allocated core-s; %d Mesos tasks%n",
        name,
        row,
        used,
        allocated,
        launches.launches().size());
    return row;
  }

  /**
   * From the transaction log: when each rule started running, the mean RUNNING → COMPLETE time, and
   * when the first allocation was computed (-1: never).
   */
  record LogTimes(Map<Integer, Long> started, double meanTaskSeconds, long settledMicros) {
    static LogTimes read(Path dir) throws IOException {
      Map<Integer, Long> started = new HashMap<>();
      List<Long> spans = new ArrayList<>();
      long[] settled = {-1};
      LogReader.read(
          dir.resolve("Makeflow.makeflowlog"),
          rec -> {
            if (rec instanceof LogRecord.NodeState s) {
              if (s.status().code() == 1) {
                started.put(s.nodeId(), s.timestampMicros());
              } else if (s.status().code() == 2 && started.containsKey(s.nodeId())) {
                spans.add(s.timestampMicros() - started.get(s.nodeId()));
              }
            } else if (rec instanceof LogRecord.Other o
                && o.line().startsWith("# ALLOCATION ")
                && settled[0] < 0) {
              settled[0] = Long.parseLong(o.line().split(" ")[2]);
            }
          });
      double mean = spans.stream().mapToLong(Long::longValue).average().orElse(Double.NaN) / 1e6;
      return new LogTimes(started, mean, settled[0]);
    }
  }

  /** The back end's "transfers: B bytes in S s" line, as MB/s; NaN when it logged none. */
  private static double transferRate(String lines) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("transfers: (\\d+) bytes in ([0-9.]+) s").matcher(lines);
    if (!m.find()) {
      return Double.NaN;
    }
    double seconds = Double.parseDouble(m.group(2));
    return seconds > 0 ? Long.parseLong(m.group(1)) / 1e6 / seconds : Double.NaN;
  }

  private static void writeWorkflow(Path dir, int n) throws IOException {
    double burn = Double.parseDouble(System.getProperty("shoal.bench.burn", "0.5"));
    double sleep = Double.parseDouble(System.getProperty("shoal.bench.sleep", "1.5"));
    StringBuilder mf = new StringBuilder(".MAKEFLOW CATEGORY greedy\nCORES=4\nMEMORY=5000\n\n");
    byte[] data = new byte[1 << 20];
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < data.length; i++) {
        data[i] = (byte) ('a' + (i * 31 + k) % 26);
      }
      Files.write(dir.resolve("in." + k), data);
      mf.append("out.").append(k).append(": in.").append(k).append(" burn.py\n");
      mf.append("\tpython3 burn.py in.").append(k).append(" out.").append(k).append("\n\n");
    }
    Files.writeString(dir.resolve("Makeflow"), mf);
    // The task's own CPU time goes into its output: the measure of "used" for every configuration.
    Files.writeString(
        dir.resolve("burn.py"),
        String.format(
            Locale.ROOT,
            """
            import hashlib, sys, time
            h = hashlib.md5(open(sys.argv[1], 'rb').read()).hexdigest()
            while time.process_time() < %f:
                h = hashlib.md5(h.encode()).hexdigest()
            time.sleep(%f)
            open(sys.argv[2], 'w').write('%%s %%f' %% (h, time.process_time()))
            """,
            burn,
            sleep));
  }

  private static Process startFactory(Path dir, String master, int port) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("-Dshoal.tool=work_queue_factory", "dev.shoal.cli.Main"));
    cmd.addAll(
        List.of(
            "-T",
            "mesos",
            "--mesos-master=" + master,
            "--mesos-worker-jar=" + WorkerJar.get(),
            "--mesos-java=" + WorkerJar.java(),
            "--mesos-file-host=127.0.0.1",
            "--cores",
            "4",
            "--memory",
            "7000",
            "--disk",
            "8000",
            "-w",
            "2",
            "-W",
            "2",
            "-t",
            "10",
            "--period",
            "0.5",
            "127.0.0.1",
            Integer.toString(port)));
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("factory.log").toFile())
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .start();
  }
}
