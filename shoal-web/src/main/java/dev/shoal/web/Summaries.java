package dev.shoal.web;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxNull;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads resource summaries as {@code resource_monitor} writes them: a JSON object whose numbers are
 * {@code [value, "unit"]} pairs (a bare number is taken in the default unit). Times may be in
 * {@code s}, {@code ms} or {@code us} (cctools 8 writes {@code start}/{@code end} as epoch seconds
 * with a fraction, the reference notes say µs: both are accepted); memory and disk in {@code B},
 * {@code kB}, {@code MB}, {@code GB}. Escapes that JSON does not know (resource_monitor copies the
 * command line as is) are read as the plain character. Stateless.
 */
public final class Summaries {

  /** {@code resource-rule-%06d.summary}; any number of digits is accepted. */
  static final Pattern NAME = Pattern.compile("resource-rule-(\\d{1,9})\\.summary");

  private Summaries() {}

  /**
   * Reads every {@code resource-rule-N.summary} in {@code dir}, by rule number. Files that do not
   * parse are left out with a warning added to {@code warnings}; other files are ignored.
   *
   * @throws IOException if the directory cannot be listed
   */
  public static Map<Integer, Usage> readDirectory(Path dir, List<String> warnings)
      throws IOException {
    Map<Integer, Usage> byRule = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        try {
          byRule.put(Integer.parseInt(m.group(1)), parse(Files.readString(f), f.toString()));
        } catch (IllegalArgumentException | JxSyntaxException e) {
          warnings.add(f + ": not a resource summary, left out (" + e.getMessage() + ")");
        }
      }
    }
    return byRule;
  }

  /**
   * Parses one summary. A pure function.
   *
   * @param fileName for messages
   * @throws JxSyntaxException if it is not JSON
   * @throws IllegalArgumentException if it is not an object, or a field has an unknown unit
   */
  public static Usage parse(String json, String fileName) throws JxSyntaxException {
    if (!(Json.parse(lenient(json), fileName) instanceof JxObject o)) {
      throw new IllegalArgumentException("a summary is a JSON object");
    }
    double start = quantity(o, "start", "s");
    double end = quantity(o, "end", "s");
    String exitType = o.get("exit_type") instanceof JxString s ? s.value() : "";
    return new Usage(
        quantity(o, "wall_time", "s"),
        quantity(o, "cpu_time", "s"),
        quantity(o, "cores", "cores"),
        quantity(o, "memory", "MB"),
        quantity(o, "disk", "MB"),
        quantity(o, "gpus", "gpus"),
        Double.isNaN(start) ? -1 : Math.round(start * 1e6),
        Double.isNaN(end) ? -1 : Math.round(end * 1e6),
        exitType);
  }

  /**
   * {@code json} with the escapes JSON does not know made plain: resource_monitor 8 writes the
   * command as it was given, so a command with a quote becomes {@code "x=b\'x\'"}, which strict
   * JSON rejects. A backslash before any character other than {@code " \\ / b f n r t u} is
   * dropped.
   */
  static String lenient(String json) {
    if (json.indexOf('\\') < 0) {
      return json;
    }
    StringBuilder sb = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '\\' && i + 1 < json.length()) {
        char next = json.charAt(i + 1);
        if ("\"\\/bfnrtu".indexOf(next) < 0) {
          continue;
        }
        sb.append(c).append(next);
        i++;
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** The field in seconds (times) or MB (sizes) or as is; NaN if absent. */
  private static double quantity(JxObject o, String key, String defaultUnit) {
    JxValue v = o.get(key);
    if (v == null || v instanceof JxNull) {
      return Double.NaN;
    }
    String unit = defaultUnit;
    if (v instanceof JxArray a && a.size() == 2 && a.get(1) instanceof JxString u) {
      v = a.get(0);
      unit = u.value();
    }
    double x =
        switch (v) {
          case JxInteger i -> i.value();
          case JxDouble d -> d.value();
          default ->
              throw new IllegalArgumentException(
                  key + " is " + v + ", expected a number or [number, \"unit\"]");
        };
    return x * scale(key, unit);
  }

  private static double scale(String key, String unit) {
    return switch (unit) {
      case "s", "MB", "cores", "gpus", "" -> 1;
      case "ms" -> 1e-3;
      case "us", "µs" -> 1e-6;
      case "B" -> 1.0 / (1 << 20);
      case "kB", "KB", "KiB" -> 1.0 / 1024;
      case "MiB" -> 1;
      case "GB", "GiB" -> 1024;
      default ->
          throw new IllegalArgumentException(
              key + " has unit \"" + unit + "\"; expected s, ms, us, B, kB, MB, GB");
    };
  }
}
