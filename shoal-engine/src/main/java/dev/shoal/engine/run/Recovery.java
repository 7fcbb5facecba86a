package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.NodeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Decides, from the log of earlier runs and the files on disk, which rules are still complete.
 *
 * <p>Rules logged COMPLETE stay complete unless: one of their outputs that is still needed is
 * missing ("someone deleted it": the rule runs again), or one of their inputs made by another rule
 * is newer on disk than when it was logged ("someone modified it": the rule runs again). Rules
 * logged RUNNING, FAILED or ABORTED are reset: their stale jobs are stopped and their outputs
 * deleted. Every reset spreads to all descendants. A file that garbage collection removed is not
 * missing as long as every rule that reads it is complete.
 */
public final class Recovery {
  private Recovery() {}

  /**
   * The outcome of recovery.
   *
   * @param complete rules that need not run again
   * @param reset rules that were logged but must run again, in rule order
   * @param stale jobs that may still be running from the earlier run
   * @param notes what was decided and why, for the user
   */
  public record Plan(
      BitSet complete, List<Integer> reset, List<StaleJob> stale, List<String> notes) {

    /** A first run: nothing complete, nothing to reset. */
    public static Plan fresh() {
      return new Plan(new BitSet(), List.of(), List.of(), List.of());
    }
  }

  /** A job the log names as running: {@code jobId} as the back end named it. */
  public record StaleJob(int rule, String jobId) {}

  /** Computes the plan. Reads file attributes only; changes nothing on disk. */
  public static Plan plan(Dag dag, PriorRun prior, Path workDir, boolean skipFileCheck)
      throws IOException {
    int n = dag.ruleCount();
    BitSet complete = new BitSet(n);
    BitSet logged = new BitSet(n);
    List<StaleJob> stale = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      NodeStatus s = prior.status(r);
      if (s == null) {
        continue;
      }
      logged.set(r);
      if (s == NodeStatus.COMPLETE) {
        complete.set(r);
      } else if (s == NodeStatus.RUNNING) {
        String job = prior.jobId(r);
        if (job != null && !job.equals("0")) {
          stale.add(new StaleJob(r, job));
        }
      }
    }
    BitSet invalid = new BitSet(n);
    if (!skipFileCheck) {
      for (int r = complete.nextSetBit(0); r >= 0; r = complete.nextSetBit(r + 1)) {
        checkFiles(dag, prior, workDir, complete, r, invalid, notes);
      }
    }
    // Spread every reset to descendants, iteratively (chains may be a million long).
    BitSet resetRoots = new BitSet(n);
    for (int r = 0; r < n; r++) {
      NodeStatus s = prior.status(r);
      if (s == NodeStatus.RUNNING || s == NodeStatus.FAILED || s == NodeStatus.ABORTED) {
        resetRoots.set(r);
      }
    }
    resetRoots.or(invalid);
    BitSet reset = descendants(dag, resetRoots);
    complete.andNot(reset);
    List<Integer> resetList = new ArrayList<>();
    for (int r = reset.nextSetBit(0); r >= 0; r = reset.nextSetBit(r + 1)) {
      if (logged.get(r) && prior.status(r) != NodeStatus.WAITING) {
        resetList.add(r);
      }
    }
    return new Plan(complete, resetList, stale, notes);
  }

  private static void checkFiles(
      Dag dag,
      PriorRun prior,
      Path workDir,
      BitSet complete,
      int r,
      BitSet invalid,
      List<String> notes)
      throws IOException {
    int[] targets = dag.targets(r);
    for (int f : targets) {
      String name = dag.fileName(f);
      if (!exists(workDir.resolve(name)) && stillNeeded(dag, complete, f)) {
        invalid.set(r);
        notes.add(name + " was deleted since it was made: rule " + r + " runs again");
        return;
      }
    }
    for (int f : dag.sources(r)) {
      int p = dag.producer(f);
      if (p < 0) {
        continue;
      }
      String name = dag.fileName(f);
      long logged = prior.createdAt(name);
      BasicFileAttributes a = attributes(workDir.resolve(name));
      if (logged > 0 && a != null && !a.isDirectory()) {
        long mtimeMicros = a.lastModifiedTime().to(java.util.concurrent.TimeUnit.MICROSECONDS);
        // Allow one second of slack: file systems round modification times.
        if (mtimeMicros > logged + 1_000_000L) {
          invalid.set(r);
          notes.add(name + " was modified since it was made: rule " + r + " runs again");
          return;
        }
      }
    }
  }

  /** A produced file is needed when it is a final output or some reader is not complete. */
  private static boolean stillNeeded(Dag dag, BitSet complete, int file) {
    if (dag.isOutput(file)) {
      return true;
    }
    boolean[] needed = {false};
    dag.forEachConsumer(
        file,
        c -> {
          if (!complete.get(c)) {
            needed[0] = true;
          }
        });
    return needed[0];
  }

  private static boolean exists(Path p) {
    return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static BasicFileAttributes attributes(Path p) throws IOException {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** {@code roots} and every rule that reads, directly or not, a file one of them makes. */
  static BitSet descendants(Dag dag, BitSet roots) {
    BitSet seen = (BitSet) roots.clone();
    IntQueue work = new IntQueue();
    for (int r = roots.nextSetBit(0); r >= 0; r = roots.nextSetBit(r + 1)) {
      work.add(r);
    }
    while (!work.isEmpty()) {
      int r = work.poll();
      dag.forEachTarget(
          r,
          f ->
              dag.forEachConsumer(
                  f,
                  c -> {
                    if (!seen.get(c)) {
                      seen.set(c);
                      work.add(c);
                    }
                  }));
    }
    return seen;
  }
}
