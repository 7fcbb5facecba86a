package dev.shoal.engine.run;

import dev.shoal.lang.model.Category;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds small workflows for engine tests: {@code rule("out1 out2", "in1", "cmd")}. */
final class Flows {
  private final List<Rule> rules = new ArrayList<>();
  private Set<String> outputs;
  private Set<String> gcInputs = Set.of();

  Flows rule(String targets, String sources, String command) {
    return rule(targets, sources, command, Resources.NONE, false);
  }

  Flows rule(String targets, String sources, String command, Resources res, boolean local) {
    rules.add(
        new Rule(
            rules.size(),
            rules.size() + 1,
            files(targets),
            files(sources),
            command,
            Rule.Kind.COMMAND,
            local,
            Category.DEFAULT,
            res,
            Map.of(),
            null,
            null,
            Map.of()));
    return this;
  }

  Flows outputs(String... names) {
    outputs = Set.of(names);
    return this;
  }

  Flows gcInputs(String... names) {
    gcInputs = Set.of(names);
    return this;
  }

  Workflow build() {
    return new Workflow(
        Path.of("Makeflow"),
        rules,
        Map.of(Category.DEFAULT, new Category(Category.DEFAULT, Resources.NONE, null, Map.of())),
        gcInputs,
        outputs,
        Map.of());
  }

  private static List<FileRef> files(String names) {
    return Arrays.stream(names.trim().split("\\s+"))
        .filter(s -> !s.isEmpty())
        .map(FileRef::of)
        .toList();
  }
}
