package dev.shoal.worker;

import java.io.PrintStream;
import java.util.Map;

/**
 * Entry point of the worker: {@code work_queue_worker [options] HOST PORT} or {@code -M PROJECT}.
 * Used by the worker jar's manifest and by {@code shoal worker}.
 *
 * <p>Exit codes: 0 the worker ended normally (told to exit, idle timeout, wall time), 1 it could
 * not work (password refused, work directory unusable), 2 bad usage.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the worker with {@code args}; returns its exit code. */
  public static int run(String[] args) {
    return run(args, System.getenv(), System.out, System.err);
  }

  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    OptionParser.Parsed parsed;
    try {
      parsed = new OptionParser(env).parse(args);
    } catch (OptionParser.UsageException e) {
      err.println("work_queue_worker: " + e.getMessage());
      err.println("Try 'work_queue_worker --help' for the options.");
      return 2;
    }
    return switch (parsed) {
      case OptionParser.Parsed.Help h -> {
        out.print(USAGE);
        yield 0;
      }
      case OptionParser.Parsed.Version v -> {
        out.println(
            "work_queue_worker (Shoal) "
                + Worker.VERSION
                + ", Work Queue protocol 11 (9 with --protocol=9)");
        yield 0;
      }
      case OptionParser.Parsed.Run r ->
          new Worker(r.options(), new Log(err, env.containsKey("SHOAL_WORKER_DEBUG"))).run();
    };
  }

  static final String USAGE =
      """
      Usage: work_queue_worker [options] HOST PORT
             work_queue_worker [options] HOST:PORT
             work_queue_worker [options] -M PROJECT
      A Work Queue worker (Shoal): runs the tasks a manager sends, several at once as its
      cores, memory, disk and GPUs allow, each in its own directory under the resource monitor.

      Manager:
        -M, --manager-name=REGEX  find a manager whose project matches REGEX (whole name)
                                  through the catalog; may be given several times
        -C, --catalog=HOST:PORT   catalog server(s), comma-separated (default: $CATALOG_HOST
                                  and $CATALOG_PORT, else catalog.cse.nd.edu:9097)
        -P, --password=FILE       password file shared with the manager
            --protocol=9|11       protocol announced: 11 (default) or 9 (cctools 8 managers);
                                  without it, a manager found with -M gets the protocol its
                                  catalog record asks for (11 when it accepts 11)
      Resources (default: what the machine has):
            --cores=N             cores offered (0: detect)
            --memory=MB           memory offered
            --disk=MB             disk offered (default: free space of the work directory)
            --gpus=N              GPUs offered (default 0)
            --feature=NAME        announce a feature tasks may require; repeatable
      Life:
        -t, --timeout=TIME        exit after TIME with no task, connected or not (default 900s)
            --wall-time=TIME      exit after TIME in any case
        -i, --min-backoff=TIME    first wait before reconnecting (default 1s)
        -b, --max-backoff=TIME    longest wait before reconnecting (default 60s; doubles)
            --single-shot         exit when the first connection ends
            --parent-death        exit when the process that started the worker ends
            --ssl                 connect through TLS (manager started with --ssl-cert/--ssl-key)
        -s, --workdir=DIR         where the worker's directory goes (default $TMPDIR or /tmp)
        -A, --arch=NAME           architecture announced (default: this machine's)
        -O, --os=NAME             operating system announced (default Linux)
        -v, --version             print the version
        -h, --help                print this help
      TIME is seconds, or a number with s, m, h or d (e.g. 15m).
      Exit codes: 0 done, 1 could not work (e.g. password refused), 2 bad usage.
      """;
}
