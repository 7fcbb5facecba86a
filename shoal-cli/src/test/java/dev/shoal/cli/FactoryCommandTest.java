package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.wq.factory.FactoryConfig;
import dev.shoal.wq.factory.WorkerShape;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class FactoryCommandTest {
  private static FactoryConfig parse(String... args) {
    FactoryCommand cmd = new FactoryCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.config();
  }

  private static int run(String tool, String... args) {
    return Main.execute(
        tool, args, new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter()));
  }

  @Test
  void run_unknownBatchTypeOrMesosWithoutMaster_isUsageError() {
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            "work_queue_factory",
            new String[] {"-T", "mesos", "-M", "p"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertEquals(2, code);
    assertTrue(err.toString().contains("-T mesos needs --mesos-master=HOST:PORT"), err.toString());
    assertEquals(2, run("work_queue_factory", "-T", "slurm", "-M", "p"));
  }

  @Test
  void config_defaultsAsCctools() {
    FactoryConfig c = parse("-M", "proj");
    assertEquals(5, c.policy().minWorkers());
    assertEquals(100, c.policy().maxWorkers());
    assertEquals(5, c.policy().workersPerCycle());
    assertEquals(Duration.ofSeconds(300), c.idleTimeout());
    assertEquals(Duration.ofSeconds(30), c.period());
    assertTrue(c.factoryTimeout().isEmpty());
  }

  @Test
  void config_cctoolsSpellings() {
    FactoryConfig c =
        parse(
            "--master-name=p.*",
            "-w",
            "1",
            "-W",
            "3",
            "--workers-per-cycle",
            "2",
            "--cores=4",
            "--memory",
            "2048",
            "--disk=100",
            "--gpus",
            "1",
            "-t",
            "9",
            "--period",
            "0.25",
            "-E",
            "--debug  all",
            "--env",
            "A=b",
            "--worker-binary",
            "/w",
            "--factory-timeout",
            "7");
    assertEquals("p.*", c.managers().orElseThrow().pattern());
    assertEquals(new WorkerShape(4, 2048, 100, 1), c.policy().shape());
    assertEquals(Duration.ofMillis(250), c.period());
    assertEquals(List.of("--debug", "all"), c.extraOptions());
    assertEquals("b", c.environment().get("A"));
    assertEquals(Duration.ofSeconds(7), c.factoryTimeout().orElseThrow());
    assertEquals("/w", c.workerCommand().get(0));
    assertTrue(c.workerCommand().containsAll(List.of("-t", "9", "--cores=4")));
  }

  @Test
  void config_hostAndPort_isDirectMode() {
    FactoryConfig c = parse("-w", "0", "host.example", "9123");
    assertEquals(new FactoryConfig.Direct("host.example", 9123), c.direct().orElseThrow());
  }

  @Test
  void usageErrors_exit2() {
    assertEquals(2, run("work_queue_factory"), "no -M and no HOST PORT");
    assertEquals(2, run("work_queue_factory", "-M", "p", "-w", "9", "-W", "3"));
    assertEquals(2, run("work_queue_factory", "-M", "(unclosed"));
    assertEquals(2, run("work_queue_factory", "-M", "p", "-T", "condor"));
    assertEquals(2, run("work_queue_factory", "h", "notaport"));
    assertEquals(2, run("work_queue_status", "-T"), "-T needs a manager");
  }

  @Test
  void help_listsTheCctoolsOptions() {
    StringWriter out = new StringWriter();
    assertEquals(
        0,
        Main.execute(
            "work_queue_factory", new String[] {"--help"}, new PrintWriter(out, true), null));
    for (String o : List.of("-M, -N", "--max-workers", "--workers-per-cycle", "--worker-binary")) {
      assertTrue(out.toString().contains(o), o + " in\n" + out);
    }
  }

  @Test
  void defaultWorker_isShoalsLauncherBesideTheModule() {
    // Tests run in shoal-cli/ with classes in shoal-cli/target/classes: bin/ is one level up.
    java.nio.file.Path expected =
        java.nio.file.Path.of("").toAbsolutePath().getParent().resolve("bin/work_queue_worker");
    assertEquals(expected.toString(), FactoryCommand.defaultWorker());
  }
}
