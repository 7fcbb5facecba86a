package dev.shoal.lang.make;

import dev.shoal.lang.model.Resources;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The resource variables ({@code CORES MEMORY DISK GPUS WALL_TIME MPI_PROCESSES}) and how their
 * values are read.
 *
 * <p>A value is a number with an optional metric suffix {@code K M G T P} (powers of 1024, an
 * optional trailing {@code B} allowed). For {@code MEMORY} and {@code DISK}, whose unit is MB, a
 * bare number is MB and a suffixed one is an amount of bytes rounded up to whole MB ({@code 2G} is
 * 2048); for the others a suffix multiplies. Quoted numbers are rejected rather than read as 0.
 */
final class ResourceValues {
  static final String CORES = "CORES";
  static final String MEMORY = "MEMORY";
  static final String DISK = "DISK";
  static final String GPUS = "GPUS";
  static final String WALL_TIME = "WALL_TIME";
  static final String MPI_PROCESSES = "MPI_PROCESSES";

  /** In the order of the fields of {@link Resources}. */
  static final List<String> NAMES = List.of(CORES, MEMORY, DISK, GPUS, WALL_TIME, MPI_PROCESSES);

  private static final long MB = 1024 * 1024;

  private ResourceValues() {}

  static boolean isResource(String name) {
    return NAMES.contains(name);
  }

  /**
   * The resources visible through {@code lookup}; unset variables stay {@link Resources#UNSET}.
   * Every value must already have passed {@link #parse}: the parser checks values when they are
   * assigned and drops invalid ones from the environment it is given.
   */
  static Resources read(UnaryOperator<String> lookup) {
    long[] v = new long[NAMES.size()];
    for (int i = 0; i < v.length; i++) {
      String text = lookup.apply(NAMES.get(i));
      v[i] = Resources.UNSET;
      if (text != null) {
        try {
          v[i] = parse(NAMES.get(i), text);
        } catch (LineError e) {
          throw new IllegalStateException("resource value not checked on assignment", e);
        }
      }
    }
    return new Resources(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /**
   * Reads the value of resource variable {@code name}.
   *
   * @throws LineError when {@code text} is not a non-negative number with an optional suffix
   */
  static long parse(String name, String text) throws LineError {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (s.endsWith("B")) {
      s = s.substring(0, s.length() - 1);
    }
    int power = s.isEmpty() ? -1 : "KMGTP".indexOf(s.charAt(s.length() - 1));
    String digits = power >= 0 ? s.substring(0, s.length() - 1).strip() : s;
    double number;
    try {
      number = digits.isEmpty() ? -1 : Double.parseDouble(digits);
    } catch (NumberFormatException e) {
      number = -1;
    }
    if (!(number >= 0) || digits.contains("E") || digits.contains("N") || digits.contains("I")) {
      throw new LineError(
          "invalid value '"
              + text
              + "' for "
              + name
              + " — give a number such as 4 or 2G"
              + (text.contains("\"") || text.contains("'") ? ", without quotes" : ""));
    }
    double amount = number * Math.pow(1024, power + 1);
    boolean inMb = name.equals(MEMORY) || name.equals(DISK);
    if (inMb && power >= 0) {
      return (long) Math.ceil(amount / MB);
    }
    return (long) Math.ceil(amount);
  }

  /** Reads a file size such as {@code 100}, {@code 4K} or {@code 2G}, in bytes. */
  static long parseBytes(String text) throws LineError {
    return parse("size", text);
  }
}
