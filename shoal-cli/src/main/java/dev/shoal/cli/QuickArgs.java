package dev.shoal.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the most common {@code makeflow} command lines without picocli. picocli builds its model of
 * {@link RunCommand} from the annotations at every start (reflection, annotation proxies, method
 * handles): ~35 ms, a tenth of a 1,000-rule run. This reads a few options, each a word of its own
 * with its value (if any) in the next word, and the workflow file.
 *
 * <p>Anything else returns null, and picocli reads the whole command line as always: help, version,
 * any other option, a value joined to its option ({@code -j2}, {@code --max-local=2}), an option
 * given twice, a value that starts with {@code -}, a count that is not plain digits, a second
 * workflow file. So every error message and all help text still come from picocli. QuickArgsTest
 * checks that picocli reads each accepted command line into the same fields.
 */
final class QuickArgs {
  /** Each accepted name, short or long, to the long name of its option. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("-T", "--batch-type"),
          Map.entry("--batch-type", "--batch-type"),
          Map.entry("-j", "--max-local"),
          Map.entry("--max-local", "--max-local"),
          Map.entry("-J", "--max-remote"),
          Map.entry("--max-remote", "--max-remote"),
          Map.entry("-X", "--change-directory"),
          Map.entry("--change-directory", "--change-directory"),
          Map.entry("-l", "--makeflow-log"),
          Map.entry("--makeflow-log", "--makeflow-log"),
          Map.entry("-L", "--batch-log"),
          Map.entry("--batch-log", "--batch-log"),
          Map.entry("-r", "--retry-count"),
          Map.entry("--retry-count", "--retry-count"),
          Map.entry("-R", "--retry"),
          Map.entry("--retry", "--retry"),
          Map.entry("-z", "--zero-length-error"),
          Map.entry("--zero-length-error", "--zero-length-error"),
          Map.entry("-A", "--disable-afs-check"),
          Map.entry("--disable-afs-check", "--disable-afs-check"),
          Map.entry("--skip-file-check", "--skip-file-check"),
          Map.entry("--progress", "--progress"),
          Map.entry("--no-progress", "--progress"));

  private QuickArgs() {}

  /** The command {@code args} describe, or null when picocli must read them. */
  static RunCommand parse(String[] args) {
    RunCommand run = new RunCommand();
    run.workflow.file = "Makeflow"; // picocli's default value of the WORKFLOW parameter
    boolean named = false;
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String word = args[i];
      if (word.isEmpty()) {
        return null;
      }
      if (word.charAt(0) != '-') {
        if (named) {
          return null;
        }
        named = true;
        run.workflow.file = word;
        continue;
      }
      String option = NAMES.get(word);
      if (option == null || !seen.add(option)) {
        return null;
      }
      switch (option) {
        case "--retry" -> run.retry = true;
        case "--zero-length-error" -> run.zeroLengthError = true;
        case "--disable-afs-check" -> run.disableAfsCheck = true;
        case "--skip-file-check" -> run.skipFileCheck = true;
        case "--progress" -> run.progress = word.equals("--progress");
        default -> {
          if (i + 1 == args.length || args[i + 1].isEmpty() || args[i + 1].charAt(0) == '-') {
            return null;
          }
          if (!setValue(run, option, args[++i])) {
            return null;
          }
        }
      }
    }
    return run;
  }

  /** Sets {@code option} of {@code run} to {@code value}; false when picocli must judge it. */
  private static boolean setValue(RunCommand run, String option, String value) {
    switch (option) {
      case "--batch-type" -> {
        // Remote back ends have options of their own (mixins) that only picocli sets up.
        if (!value.equals("local") && !value.equals("dryrun")) {
          return false;
        }
        run.batchType = value;
      }
      case "--makeflow-log" -> run.makeflowLog = value;
      case "--batch-log" -> run.batchLog = value;
      case "--change-directory" -> {
        try {
          run.workflow.directory = Path.of(value);
        } catch (InvalidPathException e) {
          return false;
        }
      }
      default -> {
        Integer count = count(value);
        if (count == null) {
          return false;
        }
        switch (option) {
          case "--max-local" -> run.maxLocal = count;
          case "--max-remote" -> run.maxRemote = count;
          case "--retry-count" -> run.retryCount = count;
          default -> throw new IllegalStateException("no value handling for " + option);
        }
      }
    }
    return true;
  }

  /** {@code text} as a count when it is 1 to 9 digits, else null. */
  private static Integer count(String text) {
    if (text.isEmpty() || text.length() > 9) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return null;
      }
    }
    return Integer.valueOf(text);
  }
}
