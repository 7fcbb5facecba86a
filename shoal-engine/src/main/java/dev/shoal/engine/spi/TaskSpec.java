package dev.shoal.engine.spi;

import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a back end needs to run one attempt of a rule. Immutable.
 *
 * @param id this attempt's id
 * @param ruleId the rule number (node id in the log)
 * @param command the shell command, already wrapped by {@code --wrapper} if any
 * @param workDir the workflow directory; file names are relative to it
 * @param inputs files the task reads ({@code dagName} in {@code workDir}, {@code taskName} in the
 *     sandbox)
 * @param outputs files the task must produce
 * @param environment variables to add to the task's environment
 * @param allocation resources the task may use (unset fields: no limit)
 * @param category the rule's category
 * @param batchOptions back-end specific options, or {@code null}
 */
public record TaskSpec(
    TaskId id,
    int ruleId,
    String command,
    Path workDir,
    List<FileRef> inputs,
    List<FileRef> outputs,
    Map<String, String> environment,
    Resources allocation,
    String category,
    String batchOptions) {

  public TaskSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(outputs, "outputs");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(allocation, "allocation");
    Objects.requireNonNull(category, "category");
  }
}
