package dev.shoal.lang.make;

import dev.shoal.lang.WorkflowException;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Rule;
import dev.shoal.lang.model.Workflow;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Loads the Makeflow files under {@code src/test/resources/make}. */
final class Fixtures {
  private Fixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/make/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Workflow parse(String name, Map<String, String> environment) throws WorkflowException {
    return MakeflowParser.parse(resource(name), name, environment);
  }

  static Workflow parse(String name) throws WorkflowException {
    return parse(name, Map.of());
  }

  static List<String> names(List<FileRef> files) {
    return files.stream().map(FileRef::toString).toList();
  }

  static List<String> files(String... names) {
    return Arrays.asList(names);
  }

  static Rule rule(Workflow w, int id) {
    return w.rules().get(id);
  }
}
