package dev.shoal.engine.run;

/**
 * Resources of the machine that local rules may use together ({@code --local-cores}, {@code
 * --local-memory}, {@code --local-disk}); a rule that asks for no cores takes one.
 */
public record LocalLimits(long cores, long memoryMb, long diskMb) {

  /** The whole machine, as the JVM sees it. */
  public static LocalLimits machine() {
    long mem = Long.MAX_VALUE;
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      mem = os.getTotalMemorySize() >> 20;
    }
    return new LocalLimits(Runtime.getRuntime().availableProcessors(), mem, Long.MAX_VALUE);
  }
}
