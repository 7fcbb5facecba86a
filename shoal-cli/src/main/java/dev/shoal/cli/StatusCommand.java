package dev.shoal.cli;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import dev.shoal.wq.catalog.CatalogClient;
import dev.shoal.wq.factory.ManagerRecord;
import dev.shoal.wq.status.StatusKind;
import dev.shoal.wq.status.StatusQuery;
import dev.shoal.wq.status.StatusTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shoal status}, also run as {@code work_queue_status}: the Work Queue managers the catalog
 * knows (no arguments), or one manager's queue, tasks, workers or resources asked directly ({@code
 * HOST [PORT]}). Output matches cctools' tables; {@code -l}/{@code --json} prints the JSON.
 *
 * <p>Exit codes: 0 answered, 1 the catalog or manager could not be reached, 2 bad usage.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Without arguments: the Work Queue managers known to the catalog.",
      "With HOST [PORT]: ask that manager directly (default port 9123)."
    })
final class StatusCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..2", paramLabel = "HOST PORT", description = "A manager to ask.")
  List<String> hostPort = new ArrayList<>();

  @ArgGroup(exclusive = true)
  What what = new What();

  static final class What {
    @Option(
        names = {"-Q", "--statistics"},
        description = "Queue summary (default).")
    boolean queue;

    @Option(
        names = {"-T", "--tasks"},
        description = "The manager's tasks.")
    boolean tasks;

    @Option(
        names = {"-W", "--workers"},
        description = "The manager's workers.")
    boolean workers;

    @Option(
        names = {"-R", "--resources"},
        description = "Resources of each manager.")
    boolean resources;

    @Option(
        names = {"-A", "--able-workers"},
        description = "Categories and the workers able to run them.")
    boolean able;
  }

  @Option(
      names = {"-M", "--project-name"},
      paramLabel = "REGEX",
      description = "Only managers whose project matches.")
  String project;

  @Option(
      names = {"-l", "--verbose", "--json"},
      description = "Print the records as JSON.")
  boolean json;

  @Option(
      names = {"-C", "--catalog"},
      paramLabel = "HOST:PORT",
      description = "Catalog server(s) (default: CATALOG_HOST/CATALOG_PORT, else cctools').")
  String catalog;

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Give up after this long (default ${DEFAULT-VALUE}).")
  long timeout = 30;

  @Option(
      names = {"-d", "--debug"},
      paramLabel = "SUBSYSTEM",
      description = "Accepted as cctools'.")
  List<String> debug = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String tool = spec.commandLine().getCommandName();
    StatusKind kind = kind();
    if (timeout < 1) {
      throw usage("-t " + timeout + ": give at least 1 second");
    }
    Pattern filter = filter();
    List<JxObject> records;
    try {
      if (hostPort.isEmpty()) {
        if (kind != StatusKind.QUEUE && kind != StatusKind.RESOURCES) {
          throw usage("-T, -W and -A ask one manager: give its HOST and PORT");
        }
        records = fromCatalog(filter);
      } else {
        String host = hostPort.get(0);
        int port = hostPort.size() > 1 ? port(hostPort.get(1)) : 9123;
        records = StatusQuery.ask(host, port, kind, Duration.ofSeconds(timeout));
      }
    } catch (IOException e) {
      err.println(tool + ": " + e.getMessage());
      return 1;
    }
    if (json) {
      out.print(hostPort.isEmpty() ? catalogJson(records) : Json.write(array(records)) + "\n");
    } else {
      out.print(StatusTable.render(kind, records));
    }
    out.flush();
    return 0;
  }

  private List<JxObject> fromCatalog(Pattern filter) throws IOException {
    CatalogClient client;
    try {
      client = catalog != null ? CatalogClient.of(catalog) : CatalogClient.fromEnvironment();
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    List<JxObject> out = new ArrayList<>();
    for (JxObject r : client.withTimeout(Duration.ofSeconds(timeout)).query()) {
      if (ManagerRecord.isManager(r)
          && (filter == null || filter.matcher(ManagerRecord.of(r).project()).find())) {
        out.add(r);
      }
    }
    return out;
  }

  /** cctools' long catalog form: one record per line inside brackets. */
  private static String catalogJson(List<JxObject> records) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < records.size(); i++) {
      sb.append(Json.write(records.get(i))).append(i + 1 < records.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  private static JxArray array(List<JxObject> records) {
    return new JxArray(List.<JxValue>copyOf(records));
  }

  private StatusKind kind() {
    if (what.tasks) {
      return StatusKind.TASKS;
    }
    if (what.workers) {
      return StatusKind.WORKERS;
    }
    if (what.resources) {
      return StatusKind.RESOURCES;
    }
    if (what.able) {
      return StatusKind.ABLE_WORKERS;
    }
    return StatusKind.QUEUE;
  }

  private Pattern filter() {
    if (project == null) {
      return null;
    }
    try {
      return Pattern.compile(project);
    } catch (PatternSyntaxException e) {
      throw usage("-M " + project + " is not a regular expression: " + e.getDescription());
    }
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

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
