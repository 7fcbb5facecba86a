package dev.shoal.lang.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, parsed workflow: what a Makeflow or JX file says, nothing about any run of it.
 *
 * @param file the file it was read from (as given, relative to the working directory)
 * @param rules rules in file order; {@code rules.get(i).id() == i}
 * @param categories every category named, by name, including {@link Category#DEFAULT}
 * @param gcInputs {@code MAKEFLOW_INPUTS}: files never to be collected or cleaned
 * @param outputs {@code MAKEFLOW_OUTPUTS}: the final outputs; {@code null} when unset (then every
 *     file that no rule reads is an output)
 * @param sizeHints {@code .SIZE} hints: file to estimated size in bytes
 */
public record Workflow(
    Path file,
    List<Rule> rules,
    Map<String, Category> categories,
    Set<String> gcInputs,
    Set<String> outputs,
    Map<String, Long> sizeHints) {

  public Workflow {
    Objects.requireNonNull(file, "file");
    rules = List.copyOf(rules);
    categories = Map.copyOf(categories);
    gcInputs = Set.copyOf(gcInputs);
    outputs = outputs == null ? null : Set.copyOf(outputs);
    sizeHints = Map.copyOf(sizeHints);
  }
}
