package dev.shoal.engine.sizing;

import dev.shoal.lang.model.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The measured peaks of one resource over the successful tasks of one category: for each bucket
 * (peak rounded up to {@link ResourceKind#bucketWidth()}) the number of tasks and their summed wall
 * time, and the largest raw peak seen.
 *
 * <p>Mutable; owned by the engine loop thread (not thread-safe).
 */
public final class ResourceHistogram {

  private final ResourceKind kind;
  private final TreeMap<Long, Cell> cells = new TreeMap<>();
  private long count;
  private double wallTime;
  private long maxSeen = Resources.UNSET;

  /** An empty histogram of {@code kind}. */
  public ResourceHistogram(ResourceKind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Adds one task.
   *
   * @param peak the measured peak, at least 0
   * @param wallTimeSeconds the task's wall time, at least 0
   */
  public void add(long peak, double wallTimeSeconds) {
    if (peak < 0 || !(wallTimeSeconds >= 0) || Double.isInfinite(wallTimeSeconds)) {
      throw new IllegalArgumentException(
          "cannot add a " + kind + " peak of " + peak + " with wall time " + wallTimeSeconds);
    }
    Cell cell = cells.computeIfAbsent(kind.roundUp(peak), k -> new Cell());
    cell.count++;
    cell.wallTime += wallTimeSeconds;
    count++;
    wallTime += wallTimeSeconds;
    maxSeen = Math.max(maxSeen, peak);
  }

  public ResourceKind kind() {
    return kind;
  }

  /** The buckets in increasing order of value; a snapshot. */
  public List<Bucket> buckets() {
    List<Bucket> out = new ArrayList<>(cells.size());
    cells.forEach((value, cell) -> out.add(new Bucket(value, cell.count, cell.wallTime)));
    return out;
  }

  /** {@code N}, the number of tasks added. */
  public long count() {
    return count;
  }

  /** The summed wall time of every task added. */
  public double wallTimeSeconds() {
    return wallTime;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /** The largest raw peak added, or {@link Resources#UNSET} when empty. */
  public long maxSeen() {
    return maxSeen;
  }

  /** The largest bucket value, or {@link Resources#UNSET} when empty. */
  public long roundedMax() {
    return isEmpty() ? Resources.UNSET : cells.lastKey();
  }

  private static final class Cell {
    long count;
    double wallTime;
  }
}
