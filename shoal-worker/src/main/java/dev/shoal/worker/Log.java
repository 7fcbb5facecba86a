package dev.shoal.worker;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The worker's log: one line per event on a stream (standard error), with a timestamp and a level.
 * Thread-safe.
 */
final class Log {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

  private final PrintStream out;
  private final boolean debug;

  Log(PrintStream out, boolean debug) {
    this.out = out;
    this.debug = debug;
  }

  void info(String message) {
    write("info", message);
  }

  void warn(String message) {
    write("warning", message);
  }

  void error(String message) {
    write("error", message);
  }

  void debug(String message) {
    if (debug) {
      write("debug", message);
    }
  }

  private void write(String level, String message) {
    String line = LocalDateTime.now().format(TIME) + " work_queue_worker " + level + ": " + message;
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
