package dev.shoal.wire;

import java.util.Objects;

/** Messages the manager sends to a worker. Names are cache names unless stated otherwise. */
public sealed interface ManagerMessage extends Message
    permits ManagerMessage.Check,
        ManagerMessage.Release,
        ManagerMessage.Exit,
        ManagerMessage.Put,
        ManagerMessage.PutBody,
        ManagerMessage.PutUrl,
        ManagerMessage.PutCmd,
        ManagerMessage.Dir,
        ManagerMessage.Symlink,
        ManagerMessage.Task,
        ManagerMessage.SendResults,
        ManagerMessage.Get,
        ManagerMessage.Kill,
        ManagerMessage.KillAll,
        ManagerMessage.Unlink,
        ManagerMessage.InvalidateFile,
        ManagerMessage.Tlq,
        Message.End {

  /** {@code check}: keepalive probe; the worker answers {@code alive} and stats. */
  record Check() implements ManagerMessage {}

  /** {@code release}: the worker disconnects and may serve another manager. */
  record Release() implements ManagerMessage {}

  /** {@code exit}: the worker stops. */
  record Exit() implements ManagerMessage {}

  /**
   * {@code put <name> <length> <octal-mode>} + bytes. Observed (protocol 9): no reply; the worker
   * URL-decodes the name when storing it.
   */
  record Put(String name, Payload data, int mode) implements ManagerMessage {
    public Put {
      Objects.requireNonNull(name);
      Objects.requireNonNull(data);
      checkMode(mode);
    }
  }

  /** {@code puturl <url> <name> <length> <octal-mode>}: the worker fetches the URL itself. */
  record PutUrl(String url, String name, long length, int mode) implements ManagerMessage {
    public PutUrl {
      checkMode(mode);
    }
  }

  /**
   * {@code putcmd <cmd> <name> <length> <octal-mode>}: the worker runs a command that produces the
   * file.
   */
  record PutCmd(String command, String name, long length, int mode) implements ManagerMessage {
    public PutCmd {
      checkMode(mode);
    }
  }

  /**
   * {@code dir <name>}: opens a directory in a recursive put; entries follow, then {@link
   * Message.End}.
   */
  record Dir(String name) implements ManagerMessage {}

  /**
   * A {@code put} whose bytes are still on the connection (a codec with {@link
   * WireCodec#streamFileBodies}): consume {@link #body()} before reading on. Written like {@link
   * Put}, copying the body through.
   */
  record PutBody(String name, Body body, int mode) implements ManagerMessage {
    public PutBody {
      Objects.requireNonNull(name);
      Objects.requireNonNull(body);
    }
  }

  /** {@code symlink <name> <length>} + target bytes, inside a recursive put. */
  record Symlink(String name, String target) implements ManagerMessage {}

  /** {@code task <id>} … {@code end}. */
  record Task(TaskSpec spec) implements ManagerMessage {}

  /**
   * {@code send_results <n>}: n results at most, {@code -1} for all; sent after the worker said
   * available_results.
   */
  record SendResults(int max) implements ManagerMessage {
    public SendResults {
      if (max < -1) {
        throw new IllegalArgumentException("max must be -1 (all) or >= 0, got " + max);
      }
    }
  }

  /** {@code get <name> <0|1>}: fetch a file or (recursively) a directory from the worker cache. */
  record Get(String name, boolean recursive) implements ManagerMessage {}

  /** {@code kill <id>}: kill the task, or, once its outputs are fetched, delete its sandbox. */
  record Kill(TaskId id) implements ManagerMessage {}

  /** {@code kill -1}: kill all tasks. */
  record KillAll() implements ManagerMessage {}

  /** {@code unlink <name>}: remove a file from the worker cache. */
  record Unlink(String name) implements ManagerMessage {}

  /** {@code invalidate-file <name>}: drop a cache entry and any task using it. */
  record InvalidateFile(String name) implements ManagerMessage {}

  /** {@code tlq <url>}: the manager's TLQ log URL. */
  record Tlq(String url) implements ManagerMessage {}

  private static void checkMode(int mode) {
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException(
          "mode must be in [0, 07777], got " + Integer.toOctalString(mode));
    }
  }
}
