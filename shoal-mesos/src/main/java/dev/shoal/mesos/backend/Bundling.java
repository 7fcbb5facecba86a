package dev.shoal.mesos.backend;

/**
 * When several short rules of one category go to the Shoal executor as one Mesos task, a bundle
 * ({@code --mesos-bundle}). A category is short once {@code learnFrom} of its rules ran on the
 * Shoal executor (they go alone) and they took less than {@code shortSeconds} each on average; then
 * a bundle holds enough of its waiting rules to keep its slot busy about {@code targetSeconds}, at
 * most {@code maxSize}, and no more than the waiting rules spread over every slot of the cluster
 * (so that no slot idles while one bundle holds the queue).
 *
 * @param maxSize rules per Mesos task at most; 1 turns bundling off
 */
public record Bundling(int maxSize, int learnFrom, double shortSeconds, double targetSeconds) {
  /** Up to 32 rules, after 4 alone, of categories under 1 s, about 0.2 s per bundle. */
  public static final Bundling DEFAULT = new Bundling(32, 4, 1.0, 0.2);

  /** One rule per Mesos task. */
  public static final Bundling OFF = new Bundling(1, 4, 1.0, 0.2);

  public Bundling {
    if (maxSize < 1 || maxSize > 1000) {
      throw new IllegalArgumentException(
          "--mesos-bundle " + maxSize + " is out of range — use 1 (off) to 1000 rules per task");
    }
  }

  public Bundling withMaxSize(int n) {
    return new Bundling(n, learnFrom, shortSeconds, targetSeconds);
  }

  boolean on() {
    return maxSize > 1;
  }
}
