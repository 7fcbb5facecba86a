package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.local.LocalBackend;
import dev.shoal.engine.run.CommandBuilder;
import dev.shoal.engine.run.Engine;
import dev.shoal.engine.run.EngineOptions;
import dev.shoal.engine.run.GcPolicy;
import dev.shoal.engine.run.LocalLimits;
import dev.shoal.engine.run.LogJournal;
import dev.shoal.engine.run.PriorRun;
import dev.shoal.engine.run.Recovery;
import dev.shoal.engine.run.RetryPolicy;
import dev.shoal.engine.run.RunOutcome;
import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.lang.make.MakeflowParser;
import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Workflow;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.fake.FakeMesosMaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fake master with two agents, and runs of real Makeflow workflows through the engine with the
 * Mesos back end for remote rules (the local back end for LOCAL ones), as {@code shoal run -T
 * mesos} wires them.
 */
abstract class MesosHarness {
  @TempDir Path tmp;
  FakeMesosMaster master;
  AgentId agent0;
  AgentId agent1;

  /** The back end of the latest run, and every event it posted. */
  volatile MesosBackend backend;

  final List<BackendEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startMaster() throws IOException {
    master = FakeMasters.start(Clock.systemUTC(), tmp.resolve("agents"));
    agent0 = master.addAgent(2, 2048, 10000);
    agent1 = master.addAgent(2, 2048, 10000);
  }

  @AfterEach
  void stopMaster() {
    master.close();
    assertEquals(List.of(), master.protocolErrors(), "schema or protocol errors");
  }

  MesosOptions options() {
    return MesosOptions.of(List.of(master.address()), LauncherJar.get())
        .withJava(LauncherJar.java())
        .withDefaults(0.5, 64, 64);
  }

  /**
   * Runs the map-reduce workflow of {@code maps} maps locally and through the back end with {@code
   * tweak}, asserting both complete with the same bytes and each map ran once on Mesos; returns the
   * Mesos run's directory.
   */
  Path mapReduceMatchesLocal(int maps, UnaryOperator<MesosOptions> tweak) throws IOException {
    Path local = tmp.resolve("local");
    Path remote = tmp.resolve("remote");
    writeInput(local, maps);
    writeInput(remote, maps);
    Path runs = tmp.resolve("runs.txt");
    RunOutcome l = run(local, mapReduce(maps, tmp.resolve("local-runs.txt"), 0), o -> o, false);
    RunOutcome r = run(remote, mapReduce(maps, runs, 0), tweak);
    assertEquals(RunOutcome.Status.COMPLETED, l.status());
    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    for (int i = 0; i < maps; i++) {
      String out = "out." + i;
      assertArrayEquals(
          Files.readAllBytes(local.resolve(out)), Files.readAllBytes(remote.resolve(out)), out);
    }
    assertArrayEquals(
        Files.readAllBytes(local.resolve("result")), Files.readAllBytes(remote.resolve("result")));
    Map<String, Long> counts = runCounts(runs);
    assertEquals(maps, counts.size());
    assertTrue(counts.values().stream().allMatch(c -> c == 1), "each map ran once");
    return remote;
  }

  /** Runs {@code makeflow} in {@code dir} to its end with the Mesos back end. */
  RunOutcome run(Path dir, String makeflow, UnaryOperator<MesosOptions> tweak) throws IOException {
    return run(dir, makeflow, tweak, true);
  }

  RunOutcome run(Path dir, String makeflow, UnaryOperator<MesosOptions> tweak, boolean mesos)
      throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("Makeflow"), makeflow);
    return run(dir, mesos ? tweak.apply(options()) : null, b -> backend = b, events::add);
  }

  /**
   * Runs {@code dir/Makeflow} as {@code shoal run -T mesos} would (or {@code -T local} without
   * {@code options}), recovering from its log if there is one.
   */
  static RunOutcome run(
      Path dir,
      MesosOptions options,
      java.util.function.Consumer<MesosBackend> started,
      java.util.function.Consumer<BackendEvent> seen)
      throws IOException {
    return run(dir, options, started, seen, 2);
  }

  /**
   * As above, with {@code localCores} for the local back end: LOCAL rules (or all of them, without
   * {@code options}) run at most that many at once ({@code -j}) on that many cores.
   */
  static RunOutcome run(
      Path dir,
      MesosOptions options,
      java.util.function.Consumer<MesosBackend> started,
      java.util.function.Consumer<BackendEvent> seen,
      int localCores)
      throws IOException {
    Workflow w;
    try {
      w = MakeflowParser.parse(dir.resolve("Makeflow"), "Makeflow", Map.of());
    } catch (dev.shoal.lang.WorkflowException e) {
      throw new AssertionError(e.getMessage(), e);
    }
    Dag dag = Dag.of(w);
    Path log = dir.resolve("Makeflow.makeflowlog");
    PriorRun prior = Files.exists(log) ? LogJournal.replay(log, s -> {}) : PriorRun.NONE;
    Recovery.Plan plan = Recovery.plan(dag, prior, dir, false);
    EngineOptions eo =
        new EngineOptions(
            localCores,
            100,
            RetryPolicy.DEFAULT,
            false,
            Duration.ZERO,
            GcPolicy.NONE,
            true,
            new LocalLimits(
                localCores, LocalLimits.machine().memoryMb(), LocalLimits.machine().diskMb()),
            false,
            AllocationMode.FIXED);
    try (LogJournal journal = LogJournal.open(log, MesosHarness::micros)) {
      Engine engine =
          new Engine(
              dag,
              dir,
              plan,
              eo,
              journal,
              sink -> new LocalBackend(sink, false, MesosHarness::micros),
              options != null
                  ? sink -> {
                    MesosBackend b =
                        MesosBackend.start(
                            e -> {
                              seen.accept(e);
                              sink.post(e);
                            },
                            options,
                            dir,
                            "Makeflow",
                            MesosHarness::micros);
                    started.accept(b);
                    return (Backend) b;
                  }
                  : null,
              CommandBuilder.PLAIN,
              List.of(),
              MesosHarness::micros);
      return engine.run();
    }
  }

  static long micros() {
    java.time.Instant t = java.time.Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  /**
   * split → {@code n} maps over a shared input → combine. Each map appends its number to {@code
   * runs} (an absolute path shared by the agents, as a shared file system would be) so a test can
   * count how often and where each ran, and sleeps {@code sleep} seconds.
   */
  static String mapReduce(int n, Path runs, double sleep) {
    StringBuilder mf = new StringBuilder();
    String parts =
        IntStream.range(0, n).mapToObj(i -> "part." + i).collect(Collectors.joining(" "));
    String outs = IntStream.range(0, n).mapToObj(i -> "out." + i).collect(Collectors.joining(" "));
    mf.append(parts).append(" shared.db: input.txt\n\t");
    List<String> cmds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cmds.add("grep -e '^" + i + " ' input.txt > part." + i);
    }
    cmds.add("sort -r input.txt > shared.db");
    mf.append(String.join(" && ", cmds)).append("\n\n");
    for (int i = 0; i < n; i++) {
      mf.append("out.")
          .append(i)
          .append(": part.")
          .append(i)
          .append(" shared.db\n\t")
          .append("sh -c 'echo ")
          .append(i)
          .append(" ${MESOS_AGENT_ID:-local}' >> ")
          .append(runs)
          .append(sleep > 0 ? " && sleep " + sleep : "")
          .append(" && (cat part.")
          .append(i)
          .append("; wc -l < shared.db; md5sum shared.db) > out.")
          .append(i)
          .append("\n\n");
    }
    mf.append("result: ").append(outs).append("\n\tcat ").append(outs).append(" > result\n");
    return mf.toString();
  }

  static void writeInput(Path dir, int n) throws IOException {
    Files.createDirectories(dir);
    StringBuilder sb = new StringBuilder();
    for (int line = 0; line < n * 3; line++) {
      sb.append(line % n).append(' ').append("value-").append(line * 7919 % 1000).append('\n');
    }
    Files.writeString(dir.resolve("input.txt"), sb);
  }

  /** How many times each map ran, from the runs file ("MAP AGENT" lines). */
  static Map<String, Long> runCounts(Path runs) throws IOException {
    return Files.readAllLines(runs).stream()
        .map(s -> s.strip().split(" ")[0])
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }
}
