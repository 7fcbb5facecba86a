package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * {@code makeflow -c}: deletes what runs of a workflow made. Sources and MAKEFLOW_INPUTS are never
 * touched.
 */
public final class Cleaner {
  private Cleaner() {}

  /** What {@code -c} deletes. */
  public enum Mode {
    /** Every file a rule makes, and the transaction and batch logs. */
    ALL,
    /** The final outputs (MAKEFLOW_OUTPUTS, or files no rule reads). */
    OUTPUTS,
    /** Files rules make that are not final outputs. */
    INTERMEDIATES,
    /** The cache of mounted files; Shoal keeps none yet, so nothing. */
    CACHE
  }

  /**
   * Deletes the files {@code mode} selects.
   *
   * @param logs the transaction log and batch log, deleted with {@link Mode#ALL}
   * @return the names deleted, in rule order
   */
  public static List<String> clean(Dag dag, Path workDir, Mode mode, List<Path> logs)
      throws IOException {
    IntPredicate selected =
        switch (mode) {
          case ALL -> f -> true;
          case OUTPUTS -> dag::isOutput;
          case INTERMEDIATES -> f -> !dag.isOutput(f);
          case CACHE -> f -> false;
        };
    List<String> deleted = new ArrayList<>();
    for (int f = 0; f < dag.fileCount(); f++) {
      if (dag.producer(f) < 0 || dag.isProtected(f) || !selected.test(f)) {
        continue;
      }
      Path p = workDir.resolve(dag.fileName(f));
      if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Outputs.delete(p);
        deleted.add(dag.fileName(f));
      }
    }
    if (mode == Mode.ALL) {
      for (Path log : logs) {
        Files.deleteIfExists(log);
      }
    }
    return deleted;
  }
}
