package dev.shoal.wire;

import java.io.IOException;
import java.util.Optional;

/** Reads {@link WorkerMessage}s (the manager's side of the connection). */
final class WorkerMessageReader {
  private final WireInput in;

  WorkerMessageReader(WireInput in) {
    this.in = in;
  }

  /** The next message, or {@code null} at a clean end of stream. */
  WorkerMessage read() throws IOException {
    String line = in.readLine();
    return line == null ? null : parse(line);
  }

  private WorkerMessage parse(String line) throws IOException {
    return switch (ManagerMessageReader.verb(line)) {
      case "workqueue" -> {
        Fields f = Fields.exactly(line, "workqueue <protocol> <hostname> <os> <arch> <version>");
        yield new WorkerMessage.Hello(f.integer(1), f.str(2), f.str(3), f.str(4), f.str(5));
      }
      case "info" -> {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || parts[1].isEmpty()) {
          throw new ProtocolException(line, "'info <key> <value>'");
        }
        yield new WorkerMessage.Info(parts[1], parts.length == 3 ? parts[2] : "");
      }
      case "feature" -> new WorkerMessage.Feature(Fields.exactly(line, "feature <name>").name(1));
      case "alive" -> ManagerMessageReader.bare(line, new WorkerMessage.Alive());
      case "available_results" ->
          ManagerMessageReader.bare(line, new WorkerMessage.AvailableResults());
      case "end" -> ManagerMessageReader.bare(line, new Message.End());
      case "resource" -> {
        if (line.startsWith("resource tag ")) {
          yield new WorkerMessage.ResourceTag(Fields.exactly(line, "resource tag <n>").lng(2));
        }
        Fields f = Fields.exactly(line, "resource <name> <total> <smallest> <largest>");
        yield new WorkerMessage.Resource(f.str(1), f.dbl(2), f.dbl(3), f.dbl(4));
      }
      case "result" -> {
        Fields f = Fields.exactly(line, "result <status> <exit> <length> <usec> <taskid>");
        TaskStatus status = statusOf(f, line);
        int exit = f.integer(2);
        long length = f.nonNegative(3);
        long usec = f.nonNegative(4);
        TaskId id = f.taskId(5);
        yield new WorkerMessage.Result(status, exit, usec, id, in.readPayload(length, line));
      }
      case "update" -> {
        Fields f = Fields.exactly(line, "update <taskid> <path> <offset> <length>");
        TaskId id = f.taskId(1);
        String path = f.name(2);
        long offset = f.nonNegative(3);
        yield new WorkerMessage.Update(id, path, offset, in.readPayload(f.nonNegative(4), line));
      }
      case "cache-update" -> {
        Fields f = Fields.exactly(line, "cache-update <name> <size> <usec>");
        yield new WorkerMessage.CacheUpdate(f.name(1), f.nonNegative(2), f.nonNegative(3));
      }
      case "cache-invalid" -> {
        Fields f = Fields.exactly(line, "cache-invalid <name> <length>");
        String name = f.name(1);
        yield new WorkerMessage.CacheInvalid(name, in.readPayload(f.nonNegative(2), line));
      }
      case "file" -> {
        Fields f = Fields.between(line, "file <name> <length>", 1);
        String name = f.name(1);
        long length = f.nonNegative(2);
        Optional<Integer> mode = f.size() == 4 ? Optional.of(f.octal(3)) : Optional.empty();
        yield in.streamsBodies()
            ? new WorkerMessage.FileBody(name, in.body(length, line), mode)
            : new WorkerMessage.FileData(name, in.readPayload(length, line), mode);
      }
      case "dir" -> {
        Fields f = Fields.exactly(line, "dir <name> 0");
        if (f.lng(2) != 0) {
          throw new ProtocolException(line, "'dir <name> 0'");
        }
        yield new WorkerMessage.DirHeader(f.name(1));
      }
      case "missing" -> {
        Fields f = Fields.exactly(line, "missing <name> <errno>");
        yield new WorkerMessage.Missing(f.name(1), f.integer(2));
      }
      default ->
          throw new ProtocolException(
              line,
              "a worker verb (workqueue, info, resource, alive, result, file, missing, end, …)");
    };
  }

  private static TaskStatus statusOf(Fields f, String line) throws ProtocolException {
    try {
      return TaskStatus.ofCode(f.lng(1));
    } catch (ProtocolException e) {
      throw new ProtocolException(line, "'result <status> …' with a known status: " + e.expected());
    }
  }
}
