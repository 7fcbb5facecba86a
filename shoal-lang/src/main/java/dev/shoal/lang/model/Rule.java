package dev.shoal.lang.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One rule of a workflow: the files it makes from the files it reads, by one command.
 *
 * <p>Rules are numbered from 0 in file order; the number is the node id written to the transaction
 * log, so it must not change between runs of the same file.
 *
 * @param id rule number, from 0 in file order
 * @param line the line of the rule's file list in its source file (1-based)
 * @param targets files the rule makes, in the order written
 * @param sources files the rule reads, in the order written
 * @param command the command as given to {@code /bin/sh -c} (for a sub-workflow: the workflow file
 *     name, see {@link #kind})
 * @param kind how the command runs
 * @param category the rule's category name ({@link Category#DEFAULT} if none)
 * @param resources the rule's own request merged over its category's (unset fields stay unset)
 * @param environment every variable exported to the task, name to value, resource variables
 *     included; parsers share one map instance between rules whose environments are equal
 * @param batchOptions the rule's {@code BATCH_OPTIONS}, or {@code null}
 * @param allocation JX {@code allocation} label ({@code auto}, {@code max}, {@code error}) or
 *     {@code null}
 * @param nested for {@link Kind#WORKFLOW}: arguments of the nested run (JX {@code args}) or empty
 */
public record Rule(
    int id,
    int line,
    List<FileRef> targets,
    List<FileRef> sources,
    String command,
    Kind kind,
    boolean local,
    String category,
    Resources resources,
    Map<String, String> environment,
    String batchOptions,
    String allocation,
    Map<String, String> nested) {

  /** How a rule's command is run. */
  public enum Kind {
    /** A shell command. */
    COMMAND,
    /** A sub-workflow ({@code MAKEFLOW file}): {@code command} is the workflow file. */
    WORKFLOW
  }

  public Rule {
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(sources, "sources");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(resources, "resources");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(nested, "nested");
  }
}
