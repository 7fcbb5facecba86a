package dev.shoal.wire;

import java.io.IOException;

/**
 * The first line a manager reads on a new connection (after any password exchange), as data.
 *
 * <p>A worker opens with {@code workqueue …} ({@link Hello}); a worker started with {@code -M
 * project} may first send {@code name} ({@link NameRequest}), answered with {@link
 * #answerName(WireCodec, String)}; a status client such as {@code work_queue_status} sends one
 * query verb ({@link StatusQuery}) and reads a JSON answer until the manager closes.
 */
public sealed interface Opening {

  /** {@code name}: the peer asks for the manager's project name. */
  record NameRequest() implements Opening {}

  /** {@code workqueue …}: a worker's handshake. */
  record Hello(WorkerMessage.Hello hello) implements Opening {}

  /**
   * {@code queue_status}, {@code task_status}, {@code worker_status}, {@code resources_status} or
   * {@code wable_status}: a direct status query.
   */
  record StatusQuery(String verb) implements Opening {}

  /**
   * Reads the first line.
   *
   * @throws java.io.EOFException if the peer closed before sending a line
   * @throws ProtocolException for any other line (unknown verb, {@code auth} when the manager has
   *     no password, garbage)
   */
  static Opening read(WireCodec codec) throws IOException {
    String line = codec.readLine();
    if (line == null) {
      throw new java.io.EOFException("Work Queue peer closed before its first line");
    }
    return parse(line);
  }

  /** Parses one first line; pure. */
  static Opening parse(String line) throws ProtocolException {
    switch (ManagerMessageReader.verb(line)) {
      case "name" -> {
        return ManagerMessageReader.bare(line, new NameRequest());
      }
      case "workqueue" -> {
        Fields f = Fields.exactly(line, "workqueue <protocol> <hostname> <os> <arch> <version>");
        return new Hello(
            new WorkerMessage.Hello(f.integer(1), f.str(2), f.str(3), f.str(4), f.str(5)));
      }
      case "queue_status", "task_status", "worker_status", "resources_status", "wable_status" -> {
        return ManagerMessageReader.bare(line, new StatusQuery(line));
      }
      case "auth" ->
          throw new ProtocolException(
              line, "a handshake (the worker wants a password; start the manager with one)");
      default ->
          throw new ProtocolException(
              line, "'workqueue <protocol> …', 'name' or a status query as the first line");
    }
  }

  /** Sends the answer to {@link NameRequest}: the project name, or an empty line if none. */
  static void answerName(WireCodec codec, String project) throws IOException {
    codec.writeLine(project == null ? "" : project);
  }
}
