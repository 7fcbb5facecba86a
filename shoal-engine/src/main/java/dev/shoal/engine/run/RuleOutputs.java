package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A rule's declared outputs in the workflow directory: checked, deleted, or set aside. */
final class RuleOutputs {
  private final Dag dag;
  private final Path workDir;
  private final boolean zeroLengthError;

  RuleOutputs(Dag dag, Path workDir, boolean zeroLengthError) {
    this.dag = dag;
    this.workDir = workDir;
    this.zeroLengthError = zeroLengthError;
  }

  /** The first declared output that is missing (or empty under -z), as a message; else null. */
  String missing(int rule) {
    String[] problem = {null};
    dag.forEachTarget(
        rule,
        f -> {
          if (problem[0] != null) {
            return;
          }
          Path p = workDir.resolve(dag.fileName(f));
          long size = Outputs.size(p);
          if (size < 0) {
            problem[0] = "output " + dag.fileName(f) + " was not created";
          } else if (size == 0 && zeroLengthError && !Files.isDirectory(p)) {
            problem[0] = "output " + dag.fileName(f) + " is empty (-z makes that an error)";
          }
        });
    return problem[0];
  }

  /** Size in bytes of output {@code file} (0 for a directory or when absent). */
  long size(int file) {
    return Math.max(0, Outputs.size(workDir.resolve(dag.fileName(file))));
  }

  /** Deletes whatever exists of the rule's outputs. */
  void delete(int rule) {
    dag.forEachTarget(
        rule,
        f -> {
          try {
            Outputs.delete(workDir.resolve(dag.fileName(f)));
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot delete " + dag.fileName(f) + " of rule " + rule, e);
          }
        });
  }

  /** Moves whatever exists of the rule's outputs to {@code makeflow.failed.<rule>/}. */
  void setAside(int rule) {
    Path dir = workDir.resolve("makeflow.failed." + rule);
    dag.forEachTarget(
        rule,
        f -> {
          try {
            Outputs.moveInto(workDir, dag.fileName(f), dir);
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot move " + dag.fileName(f) + " of failed rule " + rule + " to " + dir, e);
          }
        });
  }
}
