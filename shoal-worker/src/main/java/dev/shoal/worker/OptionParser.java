package dev.shoal.worker;

import dev.shoal.worker.WorkerOptions.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The worker's command line, parsed into {@link WorkerOptions}: {@code [options] HOST PORT}, {@code
 * [options] HOST:PORT} or {@code [options] -M PROJECT}. Options take their value as the next
 * argument, after {@code =} ({@code --cores=2}) or, for one-letter options, attached ({@code
 * -t60}). Pure: the environment is a parameter.
 */
final class OptionParser {
  static final int DEFAULT_CATALOG_PORT = 9097;
  static final String DEFAULT_CATALOG = "catalog.cse.nd.edu,backup-catalog.cse.nd.edu";

  /** What the command line asks for. */
  sealed interface Parsed {
    record Run(WorkerOptions options) implements Parsed {}

    record Help() implements Parsed {}

    record Version() implements Parsed {}
  }

  /** A command line that cannot be run; the message says what is wrong and how to fix it. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private final Map<String, String> env;

  OptionParser(Map<String, String> env) {
    this.env = env;
  }

  Parsed parse(String[] args) throws UsageException {
    List<String> positional = new ArrayList<>();
    List<Pattern> projects = new ArrayList<>();
    List<String> features = new ArrayList<>();
    String catalog = null;
    OptionalDouble cores = OptionalDouble.empty();
    OptionalDouble memory = OptionalDouble.empty();
    OptionalDouble disk = OptionalDouble.empty();
    OptionalDouble gpus = OptionalDouble.empty();
    Duration idle = Duration.ofSeconds(900);
    Optional<Path> password = Optional.empty();
    Path workdir = null;
    Optional<Duration> wallTime = Optional.empty();
    Duration minBackoff = Duration.ofSeconds(1);
    Duration maxBackoff = Duration.ofSeconds(60);
    int protocol = 11;
    boolean protocolGiven = false;
    boolean parentDeath = false;
    boolean ssl = false;
    boolean singleShot = false;
    String jvmArch = System.getProperty("os.arch", "unknown");
    String arch = jvmArch.equals("amd64") ? "x86_64" : jvmArch;
    String os = "Linux";
    Args a = new Args(args);
    while (a.hasNext()) {
      String arg = a.next();
      if (!arg.startsWith("-") || arg.equals("-")) {
        positional.add(arg);
        continue;
      }
      if (arg.equals("--")) {
        while (a.hasNext()) {
          positional.add(a.next());
        }
        break;
      }
      String name = a.optionName(arg);
      switch (name) {
        case "-h", "--help" -> {
          return new Parsed.Help();
        }
        case "-v", "--version" -> {
          return new Parsed.Version();
        }
        case "-M", "-N", "--manager-name", "--master-name" -> projects.add(regex(a.value(arg)));
        case "-C", "--catalog" -> catalog = a.value(arg);
        case "--cores" -> cores = amount(arg, a.value(arg), true);
        case "--memory" -> memory = amount(arg, a.value(arg), false);
        case "--disk" -> disk = amount(arg, a.value(arg), false);
        case "--gpus" -> gpus = amount(arg, a.value(arg), false);
        case "-t", "--timeout", "--idle-timeout" -> idle = duration(arg, a.value(arg));
        case "-P", "--password" -> password = Optional.of(Path.of(a.value(arg)));
        // Absolute and normalised: the sandbox checks compare paths, and "-s ." (a Mesos sandbox)
        // made every output name look as if it left "..././shoal-worker-N/t.1".
        case "-s", "--workdir" -> workdir = Path.of(a.value(arg)).toAbsolutePath().normalize();
        case "--wall-time" -> wallTime = Optional.of(duration(arg, a.value(arg)));
        case "-i", "--min-backoff" -> minBackoff = duration(arg, a.value(arg));
        case "-b", "--max-backoff" -> maxBackoff = duration(arg, a.value(arg));
        case "--feature" -> features.add(a.value(arg));
        case "--protocol" -> {
          protocol = protocol(a.value(arg));
          protocolGiven = true;
        }
        case "--parent-death" -> parentDeath = true;
        case "--ssl" -> ssl = true;
        case "--single-shot" -> singleShot = true;
        case "-A", "--arch" -> arch = a.value(arg);
        case "-O", "--os" -> os = a.value(arg);
        default ->
            throw new UsageException(
                "unknown option " + arg + " — see 'work_queue_worker --help' for the options");
      }
      a.checkNoValue(arg);
    }
    if (minBackoff.compareTo(maxBackoff) > 0) {
      throw new UsageException(
          "--min-backoff "
              + minBackoff.toSeconds()
              + " s is more than --max-backoff "
              + maxBackoff.toSeconds()
              + " s");
    }
    Optional<HostPort> manager = manager(positional, !projects.isEmpty());
    if (workdir == null) {
      String tmp = env.getOrDefault("TMPDIR", "");
      workdir = Path.of(tmp.isEmpty() ? "/tmp" : tmp);
    }
    return new Parsed.Run(
        new WorkerOptions(
            manager,
            projects,
            catalogs(catalog),
            cores,
            memory,
            disk,
            gpus,
            idle,
            password,
            workdir,
            wallTime,
            minBackoff,
            maxBackoff,
            features,
            protocol,
            protocolGiven,
            parentDeath,
            ssl,
            singleShot,
            arch,
            os));
  }

  private static Optional<HostPort> manager(List<String> positional, boolean byProject)
      throws UsageException {
    if (byProject) {
      if (!positional.isEmpty()) {
        throw new UsageException(
            "give either HOST PORT or -M PROJECT, not both (extra: "
                + String.join(" ", positional)
                + ")");
      }
      return Optional.empty();
    }
    if (positional.size() == 1 && positional.get(0).contains(":")) {
      return Optional.of(hostPort(positional.get(0), -1, "manager"));
    }
    if (positional.size() != 2) {
      throw new UsageException(
          "name the manager: work_queue_worker [options] HOST PORT, or -M PROJECT to find it"
              + " through the catalog");
    }
    return Optional.of(new HostPort(positional.get(0), port(positional.get(1), "manager port")));
  }

  /** {@code -C}, else CATALOG_HOST/CATALOG_PORT, else the cctools default catalogs. */
  private List<HostPort> catalogs(String option) throws UsageException {
    int defaultPort = DEFAULT_CATALOG_PORT;
    String hosts = option;
    if (hosts == null) {
      hosts = env.getOrDefault("CATALOG_HOST", "");
      if (hosts.isEmpty()) {
        hosts = DEFAULT_CATALOG;
      }
      String p = env.getOrDefault("CATALOG_PORT", "");
      if (!p.isEmpty()) {
        defaultPort = port(p, "CATALOG_PORT");
      }
    }
    List<HostPort> out = new ArrayList<>();
    for (String h : hosts.split(",")) {
      if (!h.isBlank()) {
        out.add(hostPort(h.trim(), defaultPort, "catalog"));
      }
    }
    return out;
  }

  private static HostPort hostPort(String text, int defaultPort, String what)
      throws UsageException {
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      return new HostPort(text, defaultPort);
    }
    String host = text.substring(0, colon);
    if (host.isEmpty()) {
      throw new UsageException(what + " '" + text + "' has no host name — use HOST:PORT");
    }
    return new HostPort(host, port(text.substring(colon + 1), what + " port"));
  }

  private static int port(String text, String what) throws UsageException {
    try {
      int p = Integer.parseInt(text);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(what + " '" + text + "' is not a port number (1..65535)");
  }

  private static Pattern regex(String text) throws UsageException {
    try {
      return Pattern.compile(text);
    } catch (PatternSyntaxException e) {
      throw new UsageException(
          "-M '" + text + "' is not a regular expression: " + e.getDescription());
    }
  }

  /** A non-negative amount; {@code --cores=0} means "detect", as with cctools. */
  private static OptionalDouble amount(String option, String text, boolean zeroDetects)
      throws UsageException {
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      v = -1;
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new UsageException(option + " '" + text + "' is not a non-negative number");
    }
    return zeroDetects && v == 0 ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  /**
   * Seconds, or a number with a unit: {@code 90}, {@code 90s}, {@code 15m}, {@code 2h}, {@code 1d}.
   */
  static Duration duration(String option, String text) throws UsageException {
    var m = Pattern.compile("([0-9]+)([smhd]?)").matcher(text);
    if (!m.matches() || m.group(1).length() > 12) {
      throw new UsageException(
          option + " '" + text + "' is not a duration: use seconds, or 30s, 15m, 2h, 1d");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static int protocol(String text) throws UsageException {
    return switch (text) {
      case "9" -> 9;
      case "11" -> 11;
      default ->
          throw new UsageException(
              "--protocol '" + text + "' is not supported: use 11 (default) or 9 (cctools 8)");
    };
  }

  /**
   * The arguments with one-option lookahead: {@code --x=v}, {@code --x v}, {@code -xv}, {@code -x
   * v}.
   */
  private static final class Args {
    private final String[] args;
    private int i;
    private boolean valueUsed;

    Args(String[] args) {
      this.args = args;
    }

    boolean hasNext() {
      return i < args.length;
    }

    String next() {
      valueUsed = false;
      return args[i++];
    }

    String optionName(String arg) {
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        return eq < 0 ? arg : arg.substring(0, eq);
      }
      return arg.length() > 2 ? arg.substring(0, 2) : arg;
    }

    String value(String arg) throws UsageException {
      valueUsed = true;
      if (arg.startsWith("--")) {
        int eq = arg.indexOf('=');
        if (eq >= 0) {
          return arg.substring(eq + 1);
        }
      } else if (arg.length() > 2) {
        return arg.substring(2);
      }
      if (i >= args.length) {
        throw new UsageException("option " + arg + " needs a value");
      }
      return args[i++];
    }

    /** A flag written with a value ({@code --single-shot=1}, {@code -hx}) is a mistake. */
    void checkNoValue(String arg) throws UsageException {
      boolean attached = arg.startsWith("--") ? arg.indexOf('=') >= 0 : arg.length() > 2;
      if (attached && !valueUsed) {
        throw new UsageException("option " + optionName(arg) + " takes no value: " + arg);
      }
    }
  }
}
