package dev.shoal.cli;

import dev.shoal.mesos.factory.MesosLauncher;
import dev.shoal.mesos.factory.MesosWorkerOptions;
import dev.shoal.wq.catalog.CatalogClient;
import dev.shoal.wq.factory.DemandPolicy;
import dev.shoal.wq.factory.Factory;
import dev.shoal.wq.factory.FactoryConfig;
import dev.shoal.wq.factory.LocalLauncher;
import dev.shoal.wq.factory.ManagerSource;
import dev.shoal.wq.factory.WorkerLauncher;
import dev.shoal.wq.factory.WorkerShape;
import dev.shoal.wq.status.StatusKind;
import dev.shoal.wq.status.StatusQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal factory}, also run as {@code work_queue_factory}: keeps as many Work Queue workers
 * running as the matching managers need (docs/factory.md). Options keep cctools' names.
 *
 * <p>Runs until SIGINT/SIGTERM (exit 0, every worker it started is stopped), or until {@code
 * --factory-timeout} passes without a manager (exit 0); 2 for bad usage.
 */
@Command(
    name = "factory",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    usageHelpAutoWidth = true,
    description = {
      "Starts Work Queue workers for the managers named by -M (found through the catalog) or for"
          + " the manager at HOST PORT, as many as their tasks need, within -w..-W."
    })
final class FactoryCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "HOST PORT", description = "Serve this manager only.")
  List<String> hostPort = new ArrayList<>();

  @Option(
      names = {"-M", "-N", "--manager-name", "--master-name"},
      paramLabel = "REGEX",
      description = "Project names of the managers to serve (a regular expression).")
  String managerName;

  @Option(
      names = {"-T", "--batch-type"},
      paramLabel = "TYPE",
      description =
          "Where workers run: local (default ${DEFAULT-VALUE}) or mesos (with --mesos-master).")
  String batchType = "local";

  @CommandLine.Mixin FactoryMesosOptions mesos = new FactoryMesosOptions();

  @Option(
      names = {"-C", "--catalog"},
      paramLabel = "HOST:PORT",
      description = "Catalog server(s) (default: CATALOG_HOST/CATALOG_PORT, else cctools').")
  String catalog;

  @Option(
      names = {"-P", "--password"},
      paramLabel = "FILE",
      description = "Password file handed to workers.")
  Path password;

  @Option(
      names = {"-S", "--scratch-dir"},
      paramLabel = "DIR",
      description = "Directory of the workers' log files (default /tmp/wq-factory-UID).")
  Path scratch;

  @Option(
      names = {"-w", "--min-workers"},
      paramLabel = "N",
      description = "Fewest workers running (default ${DEFAULT-VALUE}).")
  int minWorkers = 5;

  @Option(
      names = {"-W", "--max-workers"},
      paramLabel = "N",
      description = "Most workers running (default ${DEFAULT-VALUE}).")
  int maxWorkers = 100;

  @Option(
      names = "--workers-per-cycle",
      paramLabel = "N",
      description = "Most workers waiting to connect (default ${DEFAULT-VALUE}).")
  int workersPerCycle = 5;

  @Option(
      names = "--tasks-per-worker",
      paramLabel = "N",
      description = "Tasks one worker runs at once (default: one per --cores, else 1).")
  int tasksPerWorker;

  @Option(
      names = {"-c", "--capacity"},
      description = "Never ask for more workers than a manager reports it can use.")
  boolean capacity;

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Workers exit after this long without work (default ${DEFAULT-VALUE}).")
  long timeout = 300;

  @Option(
      names = "--factory-timeout",
      paramLabel = "SECONDS",
      description = "Exit after this long without a manager (default: never).")
  long factoryTimeout;

  @Option(
      names = "--period",
      paramLabel = "SECONDS",
      description = "Seconds between decisions (default ${DEFAULT-VALUE}, as cctools).")
  double period = 30;

  @Option(names = "--cores", paramLabel = "N", description = "Cores per worker.")
  int cores;

  @Option(names = "--memory", paramLabel = "MB", description = "Memory per worker.")
  long memory;

  @Option(names = "--disk", paramLabel = "MB", description = "Disk per worker.")
  long disk;

  @Option(names = "--gpus", paramLabel = "N", description = "GPUs per worker.")
  int gpus;

  @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set for each worker.")
  List<String> env = new ArrayList<>();

  @Option(
      names = {"-E", "--extra-options"},
      paramLabel = "OPTIONS",
      description = "More worker options (split at white space).")
  String extraOptions = "";

  @Option(
      names = "--worker-binary",
      paramLabel = "FILE",
      description = "Worker program (default: bin/work_queue_worker of Shoal, else on PATH).")
  String workerBinary;

  @Option(
      names = {"-d", "--debug"},
      paramLabel = "SUBSYSTEM",
      description = "Accepted as cctools'; the factory always prints its progress.")
  List<String> debug = new ArrayList<>();

  @Option(
      names = {"-o", "--debug-file"},
      paramLabel = "FILE",
      description = "Write progress and debugging to FILE instead of standard error.")
  Path debugFile;

  /** Stops the running factory; tests call it instead of sending a signal. */
  volatile Factory running;

  @Override
  public Integer call() throws IOException, InterruptedException {
    FactoryConfig config = config();
    MesosWorkerOptions mesosOptions = null;
    if (batchType.equals("mesos")) {
      try {
        mesosOptions = mesos.options();
      } catch (IllegalArgumentException e) {
        throw usage(e.getMessage());
      }
    } else if (!batchType.equals("local")) {
      throw usage("-T " + batchType + " is not supported yet: use -T local or -T mesos");
    }
    ManagerSource source = source(config);
    Path dir = scratch != null ? scratch : Path.of("/tmp", "wq-factory-" + uid());
    PrintWriter log =
        debugFile == null
            ? spec.commandLine().getErr()
            : new PrintWriter(Files.newBufferedWriter(debugFile), true);
    try (WorkerLauncher launcher =
        mesosOptions != null
            ? MesosLauncher.start(mesosOptions)
            : new LocalLauncher(dir, Duration.ofSeconds(5))) {
      Factory factory = new Factory(config, source, launcher, Clock.systemUTC(), log);
      running = factory;
      Signals.onInterrupt(factory::stop, () -> {});
      log.println(
          mesosOptions != null
              ? "factory: workers are tasks of the Mesos master "
                  + String.join(",", mesosOptions.masters())
                  + " running shoal-worker.jar with: "
                  + String.join(
                      " ", config.workerCommand().subList(1, config.workerCommand().size()))
              : "factory: worker command: " + String.join(" ", config.workerCommand()));
      log.flush();
      factory.run();
      log.println("factory: stopping " + launcher.active() + " worker(s)");
      log.flush();
    } finally {
      if (debugFile != null) {
        log.close();
      }
    }
    return 0;
  }

  /** The factory's configuration from the options; usage errors as {@link CommandLine}'s. */
  FactoryConfig config() {
    Optional<FactoryConfig.Direct> direct = Optional.empty();
    if (hostPort.size() == 1) {
      throw usage("give both HOST and PORT of the manager, or -M PROJECT");
    }
    if (hostPort.size() == 2) {
      direct = Optional.of(new FactoryConfig.Direct(hostPort.get(0), port(hostPort.get(1))));
    }
    Optional<Pattern> managers = Optional.empty();
    if (managerName != null) {
      try {
        managers = Optional.of(Pattern.compile(managerName));
      } catch (PatternSyntaxException e) {
        throw usage("-M " + managerName + " is not a regular expression: " + e.getDescription());
      }
    }
    if (catalog != null && Files.isRegularFile(Path.of(catalog))) {
      throw usage(
          "-C "
              + catalog
              + " is a file: cctools' JSON configuration files are not supported; give the"
              + " options on the command line (-C takes the catalog's HOST:PORT here)");
    }
    if (timeout < 1 || factoryTimeout < 0 || !(period > 0)) {
      throw usage("-t, --period must be positive and --factory-timeout not negative");
    }
    try {
      DemandPolicy policy =
          new DemandPolicy(
              minWorkers,
              maxWorkers,
              workersPerCycle,
              tasksPerWorker,
              new WorkerShape(cores, memory, disk, gpus),
              capacity);
      return new FactoryConfig(
          managers,
          direct,
          policy,
          workerBinary != null ? workerBinary : defaultWorker(),
          catalog != null ? catalog : "",
          Duration.ofSeconds(timeout),
          Optional.ofNullable(password),
          extraOptions.isBlank() ? List.of() : List.of(extraOptions.strip().split("\\s+")),
          environment(),
          Duration.ofMillis(Math.max(1, (long) (period * 1000))),
          factoryTimeout > 0 ? Optional.of(Duration.ofSeconds(factoryTimeout)) : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private ManagerSource source(FactoryConfig config) {
    if (config.direct().isPresent()) {
      FactoryConfig.Direct d = config.direct().get();
      return () -> StatusQuery.ask(d.host(), d.port(), StatusKind.QUEUE, Duration.ofSeconds(10));
    }
    CatalogClient client;
    try {
      client = catalog != null ? CatalogClient.of(catalog) : CatalogClient.fromEnvironment();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    return () -> client.query("type==\"wq_master\"");
  }

  private Map<String, String> environment() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq < 1) {
        throw usage("--env " + e + ": use NAME=VALUE");
      }
      out.put(e.substring(0, eq), e.substring(eq + 1));
    }
    return out;
  }

  private int port(String text) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw usage("manager port '" + text + "' is not a port number (1-65535)");
  }

  /** Shoal's worker next to this launcher ({@code bin/} beside the jar's module), else PATH's. */
  static String defaultWorker() {
    try {
      Path jar =
          Path.of(FactoryCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // .../shoal-cli/target/shoal.jar (or target/classes) → .../bin/work_queue_worker
      Path bin = jar.getParent().getParent().getParent().resolve("bin/work_queue_worker");
      if (Files.isExecutable(bin)) {
        return bin.toString();
      }
    } catch (Exception e) {
      // no code source (odd class loader): fall back to PATH
    }
    return "work_queue_worker";
  }

  private static String uid() {
    try {
      return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return System.getProperty("user.name", "user");
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
