package dev.shoal.engine.sizing;

/** Builds histograms for tests. */
final class Histograms {

  private Histograms() {}

  /**
   * A histogram of {@code kind} from rows {@code {peak, tasks, secondsPerTask}}: {@code tasks}
   * tasks of that peak, each taking {@code secondsPerTask}.
   */
  static ResourceHistogram of(ResourceKind kind, long[]... rows) {
    ResourceHistogram h = new ResourceHistogram(kind);
    for (long[] row : rows) {
      for (long i = 0; i < row[1]; i++) {
        h.add(row[0], row[2]);
      }
    }
    return h;
  }

  static long[] row(long peak, long tasks, long secondsPerTask) {
    return new long[] {peak, tasks, secondsPerTask};
  }
}
