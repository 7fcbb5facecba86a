package dev.shoal.monitor;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Resource limits of a task, in summary units ({@link Resource#unit()}: MB, s, cores, procs).
 * Immutable.
 */
public record Limits(Map<Resource, Double> values) {
  public static final Limits NONE = new Limits(Map.of());

  public Limits {
    EnumMap<Resource, Double> copy = new EnumMap<>(Resource.class);
    copy.putAll(values);
    values = Collections.unmodifiableMap(copy);
  }

  /** These limits with {@code other}'s added (other wins). */
  public Limits with(Limits other) {
    EnumMap<Resource, Double> m = new EnumMap<>(Resource.class);
    m.putAll(values);
    m.putAll(other.values);
    return new Limits(m);
  }

  /**
   * Parses {@code "memory: 1024, wall_time: 3600"} (commas or newlines between pairs; {@code #}
   * starts a comment), as resource_monitor's {@code -L} and {@code -l} take.
   *
   * @throws IllegalArgumentException naming the bad pair
   */
  public static Limits parse(String text) {
    EnumMap<Resource, Double> m = new EnumMap<>(Resource.class);
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String l = hash < 0 ? line : line.substring(0, hash);
      for (String pair : l.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        int colon = pair.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException(
              "limit '" + pair.trim() + "' is not 'resource: value', e.g. 'memory: 1024'");
        }
        String key = pair.substring(0, colon).trim();
        String value = pair.substring(colon + 1).trim();
        try {
          m.put(resource(key), Double.parseDouble(value));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "limit " + key + ": '" + value + "' is not a number", e);
        }
      }
    }
    return new Limits(m);
  }

  /**
   * Parses a limits file: a JSON object ({@code {"memory": 1024}} or cctools' {@code {"memory":
   * [1024, "MB"]}}) or {@link #parse} lines.
   */
  public static Limits parseFile(String text, String fileName) {
    if (!text.stripLeading().startsWith("{")) {
      return parse(text);
    }
    JxValue v;
    try {
      v = Json.parse(text, fileName);
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException(fileName + ": not valid JSON: " + e.getMessage(), e);
    }
    EnumMap<Resource, Double> m = new EnumMap<>(Resource.class);
    for (Map.Entry<String, JxValue> e : ((JxObject) v).fields().entrySet()) {
      JxValue x = e.getValue() instanceof JxArray a && a.size() > 0 ? a.get(0) : e.getValue();
      double d =
          switch (x) {
            case JxInteger i -> i.value();
            case JxDouble dd -> dd.value();
            default ->
                throw new IllegalArgumentException(
                    fileName + ": limit " + e.getKey() + " is not a number: " + x);
          };
      m.put(resource(e.getKey()), d);
    }
    return new Limits(m);
  }

  private static Resource resource(String key) {
    return Resource.byKey(key)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown resource '"
                        + key
                        + "': use memory, virtual_memory, swap_memory, disk, wall_time, cpu_time,"
                        + " cores, max_concurrent_processes, total_processes, bytes_read,"
                        + " bytes_written, total_files"));
  }

  /** The limits {@code usage} exceeds, with their limit values. */
  public Map<Resource, Double> exceededBy(Usage usage) {
    EnumMap<Resource, Double> out = new EnumMap<>(Resource.class);
    values.forEach(
        (r, limit) -> {
          if (usage.value(r) > limit) {
            out.put(r, limit);
          }
        });
    return out;
  }
}
