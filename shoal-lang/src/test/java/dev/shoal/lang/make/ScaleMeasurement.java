package dev.shoal.lang.make;

import dev.shoal.lang.Diagnostic;
import dev.shoal.lang.WorkflowChecker;
import dev.shoal.lang.model.Workflow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Measures parse + check of generated workflows by hand; not a test. Run after {@code verify}:
 *
 * <pre>
 * java -Xmx2g -cp shoal-lang/target/classes:shoal-lang/target/test-classes \
 *     dev.shoal.lang.make.ScaleMeasurement 1000000
 * </pre>
 *
 * <p>Prints, for the independent ({@code out.K: in.K}) and chained ({@code out.K: out.K-1})
 * variants, the seconds taken and the heap in use after a full collection with the workflow held.
 */
public final class ScaleMeasurement {
  private ScaleMeasurement() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    for (boolean chained : new boolean[] {false, true}) {
      Path file = Files.createTempFile("scale", ".makeflow");
      try {
        write(file, n, chained);
        measure(file, n, chained);
      } finally {
        Files.delete(file);
      }
    }
  }

  /** Writes {@code n} rules; chained rules each read the previous rule's output. */
  static void write(Path file, int n, boolean chained) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int k = 0; k < n; k++) {
        String source = chained ? (k == 0 ? "in.0" : "out." + (k - 1)) : "in." + k;
        out.write("out." + k + ": " + source + "\n\techo " + k + " > out." + k + "\n");
      }
    }
  }

  private static void measure(Path file, int n, boolean chained) throws Exception {
    System.gc();
    long before = usedHeap();
    resetPeaks();
    long t0 = System.nanoTime();
    Workflow w = MakeflowParser.parse(file, "scale.makeflow", Map.of());
    long t1 = System.nanoTime();
    List<Diagnostic> problems = WorkflowChecker.check(w, name -> true);
    long t2 = System.nanoTime();
    long peak = peakHeap();
    System.gc();
    long held = usedHeap() - before;
    System.out.printf(
        "%s %,d rules: parse %.2f s, check %.2f s, %d problems, heap held %,d MB, peak %,d MB%n",
        chained ? "chained" : "independent",
        w.rules().size(),
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        problems.size(),
        held >> 20,
        peak >> 20);
    if (w.rules().size() != n || !problems.isEmpty()) {
      throw new AssertionError("unexpected result: " + problems);
    }
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the pools' peaks: an upper bound of the heap in use at any one time. */
  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
