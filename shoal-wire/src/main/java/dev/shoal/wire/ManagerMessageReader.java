package dev.shoal.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@link ManagerMessage}s (the worker's side of the connection). */
final class ManagerMessageReader {
  private final WireInput in;
  private final WireLimits limits;

  ManagerMessageReader(WireInput in, WireLimits limits) {
    this.in = in;
    this.limits = limits;
  }

  /** The next message, or {@code null} at a clean end of stream. */
  ManagerMessage read() throws IOException {
    String line = in.readLine();
    return line == null ? null : parse(line);
  }

  private ManagerMessage parse(String line) throws IOException {
    String verb = verb(line);
    return switch (verb) {
      case "check" -> bare(line, new ManagerMessage.Check());
      case "release" -> bare(line, new ManagerMessage.Release());
      case "exit" -> bare(line, new ManagerMessage.Exit());
      case "end" -> bare(line, new Message.End());
      case "put" -> {
        Fields f = Fields.exactly(line, "put <name> <length> <mode>");
        String name = f.name(1);
        long length = f.nonNegative(2);
        int mode = f.octal(3);
        yield in.streamsBodies()
            ? new ManagerMessage.PutBody(name, in.body(length, line), mode)
            : new ManagerMessage.Put(name, in.readPayload(length, line), mode);
      }
      case "puturl" -> {
        Fields f = Fields.exactly(line, "puturl <url> <name> <length> <mode>");
        yield new ManagerMessage.PutUrl(f.name(1), f.name(2), f.nonNegative(3), f.octal(4));
      }
      case "putcmd" -> {
        Fields f = Fields.exactly(line, "putcmd <command> <name> <length> <mode>");
        yield new ManagerMessage.PutCmd(f.name(1), f.name(2), f.nonNegative(3), f.octal(4));
      }
      case "dir" -> new ManagerMessage.Dir(Fields.exactly(line, "dir <name>").name(1));
      case "symlink" -> {
        Fields f = Fields.exactly(line, "symlink <name> <length>");
        String name = f.name(1);
        yield new ManagerMessage.Symlink(name, in.readPayload(f.nonNegative(2), line).asUtf8());
      }
      case "task" -> new ManagerMessage.Task(readTask(Fields.exactly(line, "task <id>").taskId(1)));
      case "send_results" -> {
        Fields f = Fields.exactly(line, "send_results <n>");
        int n = f.integer(1);
        if (n < -1) {
          throw new ProtocolException(line, "'send_results <n>' with n = -1 (all) or n >= 0");
        }
        yield new ManagerMessage.SendResults(n);
      }
      case "get" -> {
        Fields f = Fields.exactly(line, "get <name> <recursive>");
        yield new ManagerMessage.Get(f.name(1), flag01(f, line, 2));
      }
      case "kill" -> {
        Fields f = Fields.exactly(line, "kill <id>");
        yield f.lng(1) == -1 ? new ManagerMessage.KillAll() : new ManagerMessage.Kill(f.taskId(1));
      }
      case "unlink" -> new ManagerMessage.Unlink(Fields.exactly(line, "unlink <name>").name(1));
      case "invalidate-file" ->
          new ManagerMessage.InvalidateFile(Fields.exactly(line, "invalidate-file <name>").name(1));
      case "tlq" -> new ManagerMessage.Tlq(Fields.exactly(line, "tlq <url>").str(1));
      default ->
          throw new ProtocolException(
              line, "a manager verb (check, put, task, send_results, get, kill, unlink, …)");
    };
  }

  private TaskSpec readTask(TaskId id) throws IOException {
    String command = null;
    Optional<String> coprocess = Optional.empty();
    Optional<String> category = Optional.empty();
    Optional<Double> cores = Optional.empty();
    Optional<Double> memory = Optional.empty();
    Optional<Double> disk = Optional.empty();
    Optional<Double> gpus = Optional.empty();
    Optional<Long> wallTime = Optional.empty();
    Optional<Long> endTime = Optional.empty();
    List<String> env = new ArrayList<>();
    List<TaskFile> inputs = new ArrayList<>();
    List<TaskFile> outputs = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    for (int count = 0; ; count++) {
      if (count >= limits.maxTaskLines()) {
        throw new ProtocolException(
            "task " + id, "'end' within " + limits.maxTaskLines() + " task lines");
      }
      String line = in.readLine();
      if (line == null) {
        throw new ProtocolException(null, "the rest of task " + id + " up to 'end'");
      }
      if (line.isEmpty()) {
        // The real worker ignores blank lines here; a manager may end the cmd payload with \n.
        continue;
      }
      switch (verb(line)) {
        case "end" -> {
          bare(line, null);
          if (command == null) {
            throw new ProtocolException(line, "a 'cmd <length>' line in task " + id);
          }
          return new TaskSpec(
              id, command, coprocess, category, cores, memory, disk, gpus, wallTime, endTime, env,
              inputs, outputs, dirs);
        }
        case "cmd" -> command = lengthPrefixed(line, "cmd <length>");
        case "coprocess" -> coprocess = Optional.of(lengthPrefixed(line, "coprocess <length>"));
        case "env" -> env.add(lengthPrefixed(line, "env <length>"));
        case "category" -> category = Optional.of(Fields.exactly(line, "category <name>").name(1));
        case "cores" -> cores = Optional.of(Fields.exactly(line, "cores <n>").dbl(1));
        case "memory" -> memory = Optional.of(Fields.exactly(line, "memory <MB>").dbl(1));
        case "disk" -> disk = Optional.of(Fields.exactly(line, "disk <MB>").dbl(1));
        case "gpus" -> gpus = Optional.of(Fields.exactly(line, "gpus <n>").dbl(1));
        case "wall_time" ->
            wallTime = Optional.of(Fields.exactly(line, "wall_time <usec>").nonNegative(1));
        case "end_time" ->
            endTime = Optional.of(Fields.exactly(line, "end_time <usec>").nonNegative(1));
        case "infile" -> inputs.add(taskFile(line, "infile <cachename> <name> <flags>"));
        case "outfile" -> outputs.add(taskFile(line, "outfile <cachename> <name> <flags>"));
        case "dir" -> dirs.add(Fields.exactly(line, "dir <name>").name(1));
        default ->
            throw new ProtocolException(
                line,
                "a task line (cmd, category, cores, memory, disk, infile, outfile, env, end)");
      }
    }
  }

  private String lengthPrefixed(String line, String form) throws IOException {
    long length = Fields.exactly(line, form).nonNegative(1);
    return in.readPayload(length, line).asUtf8();
  }

  private static TaskFile taskFile(String line, String form) throws ProtocolException {
    Fields f = Fields.exactly(line, form);
    long bits = f.nonNegative(3);
    if (bits > Integer.MAX_VALUE) {
      throw new ProtocolException(line, "'" + form + "' with flags a 31-bit integer");
    }
    return new TaskFile(f.str(1), f.name(2), FileFlags.ofBits((int) bits));
  }

  static String verb(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }

  static boolean flag01(Fields f, String line, int i) throws ProtocolException {
    long v = f.lng(i);
    if (v != 0 && v != 1) {
      throw new ProtocolException(line, "0 or 1 in field " + (i + 1));
    }
    return v == 1;
  }

  static <T> T bare(String line, T message) throws ProtocolException {
    if (line.indexOf(' ') >= 0) {
      throw new ProtocolException(line, "'" + verb(line) + "' with no arguments");
    }
    return message;
  }
}
