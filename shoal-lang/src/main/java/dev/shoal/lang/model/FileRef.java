package dev.shoal.lang.model;

import java.util.Objects;

/**
 * A file named by a rule: {@code dagName} is its path in the workflow directory, {@code taskName}
 * its name inside the task's sandbox ({@code local->remote} renaming). Without renaming the two are
 * the same string instance.
 */
public record FileRef(String dagName, String taskName) {

  public FileRef {
    Objects.requireNonNull(dagName, "dagName");
    Objects.requireNonNull(taskName, "taskName");
  }

  /** A file with no renaming. */
  public static FileRef of(String name) {
    return new FileRef(name, name);
  }

  /** True when the file has a different name inside the sandbox. */
  public boolean renamed() {
    return !dagName.equals(taskName);
  }

  @Override
  public String toString() {
    return renamed() ? dagName + "->" + taskName : dagName;
  }
}
