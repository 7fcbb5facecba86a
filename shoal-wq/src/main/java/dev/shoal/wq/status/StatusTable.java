package dev.shoal.wq.status;

import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.util.List;
import java.util.function.Function;

/**
 * The tables {@code work_queue_status} prints, column for column as cctools 8.0.0 does: every cell
 * padded (or cut) to its column's width and followed by one space; text columns align left and keep
 * their first characters, number columns align right and keep their last; a missing field shows as
 * {@code ???}. Pure functions, thread-safe.
 */
public final class StatusTable {
  private StatusTable() {}

  private static final String MISSING = "???";

  /** One column: header, width, alignment and how to get the cell from a record. */
  record Column(String header, int width, boolean right, Function<JxObject, String> cell) {}

  static Column text(String header, int width, String field) {
    return new Column(header, width, false, r -> plain(r.get(field)));
  }

  static Column number(String header, int width, String field) {
    return new Column(header, width, true, r -> plain(r.get(field)));
  }

  /** A left-aligned column showing a number (cctools prints some numbers that way). */
  static Column leftNumber(String header, int width, String field) {
    return new Column(header, width, false, r -> plain(r.get(field)));
  }

  /** Megabytes shown as gigabytes, rounded. */
  static Column gigabytes(String header, int width, String field) {
    return new Column(
        header,
        width,
        true,
        r ->
            switch (r.get(field)) {
              case JxInteger(long mb) -> Long.toString(Math.round(mb / 1024.0));
              case JxDouble(double mb) -> Long.toString(Math.round(mb / 1024.0));
              case null, default -> MISSING;
            });
  }

  /** The columns of each kind; the catalog summary uses {@link StatusKind#QUEUE}. */
  static List<Column> columns(StatusKind kind) {
    return switch (kind) {
      case QUEUE ->
          List.of(
              text("PROJECT", 18, "project"),
              text("HOST", 21, "name"),
              number("PORT", 5, "port"),
              number("WAITING", 7, "tasks_waiting"),
              number("RUNNING", 7, "tasks_running"),
              number("COMPLETE", 8, "tasks_complete"),
              number("WORKERS", 7, "workers"));
      case TASKS ->
          List.of(
              leftNumber("ID", 4, "taskid"),
              text("STATE", 8, "state"),
              number("PRIORITY", 8, "priority"),
              text("HOST", 10, "host"),
              text("COMMAND", 18, "command"),
              leftNumber("CORES", 8, "cores"),
              leftNumber("MEMORY", 8, "memory"),
              leftNumber("DISK", 8, "disk"));
      case WORKERS ->
          List.of(
              text("HOST", 10, "hostname"),
              text("ADDRESS", 15, "address_port"),
              number("COMPLETED", 9, "total_tasks_complete"),
              leftNumber("RUNNING", 7, "total_tasks_running"),
              leftNumber("CORE_U", 6, "cores_inuse"),
              leftNumber("CORE_A", 6, "cores_total"),
              leftNumber("MEM_U", 5, "memory_inuse"),
              leftNumber("MEM_A", 5, "memory_total"),
              leftNumber("DISK_U", 6, "disk_inuse"),
              leftNumber("DISK_A", 6, "disk_total"));
      case RESOURCES ->
          List.of(
              text("MANAGER", 27, "project"),
              number("CORES", 6, "cores_total"),
              number("INUSE", 6, "cores_inuse"),
              gigabytes("MEM(GB)", 8, "memory_total"),
              gigabytes("INUSE", 8, "memory_inuse"),
              gigabytes("DISK(GB)", 9, "disk_total"),
              gigabytes("INUSE", 9, "disk_inuse"));
      case ABLE_WORKERS ->
          List.of(
              text("CATEGORY", 12, "category"),
              number("DISPATCHED", 10, "tasks_on_workers"),
              number("WAITING", 10, "tasks_waiting"),
              number("FIT-WORKERS", 12, "workers_able"),
              number("MAX-CORES", 10, "max_cores"),
              number("MAX-MEMORY", 10, "max_memory"),
              number("MAX-DISK", 10, "max_disk"));
    };
  }

  /** The table of {@code records}: a header line and one line per record, each ending "\n". */
  public static String render(StatusKind kind, List<JxObject> records) {
    List<Column> cols = columns(kind);
    StringBuilder sb = new StringBuilder();
    for (Column c : cols) {
      sb.append(fit(c.header(), c)).append(' ');
    }
    sb.append('\n');
    for (JxObject r : records) {
      for (Column c : cols) {
        sb.append(fit(c.cell().apply(r), c)).append(' ');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static String fit(String s, Column c) {
    int w = c.width();
    if (s.length() > w) {
      return c.right() ? s.substring(s.length() - w) : s.substring(0, w);
    }
    String pad = " ".repeat(w - s.length());
    return c.right() ? pad + s : s + pad;
  }

  private static String plain(JxValue v) {
    return switch (v) {
      case null -> MISSING;
      case JxString(String s) -> s;
      case JxInteger(long n) -> Long.toString(n);
      case JxDouble(double d) ->
          d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
      default -> v.toString();
    };
  }
}
