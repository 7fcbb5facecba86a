package dev.shoal.lang.make;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.lang.WorkflowChecker;
import dev.shoal.lang.model.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A million generated rules parse and check without error. Not timed (see {@link ScaleMeasurement}
 * for numbers); off by default because it needs about a gigabyte of heap: run with {@code
 * -Dshoal.scale=true}.
 */
@EnabledIfSystemProperty(named = "shoal.scale", matches = "true")
class ScaleTest {

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void parseAndCheck_millionRules_allRead(boolean chained, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("scale.makeflow");
    ScaleMeasurement.write(file, 1_000_000, chained);

    Workflow w = MakeflowParser.parse(file, "scale.makeflow", Map.of());

    assertEquals(1_000_000, w.rules().size());
    assertEquals("echo 999999 > out.999999", w.rules().get(999_999).command());
    assertEquals(0, WorkflowChecker.check(w, name -> true).size());
    Files.delete(file);
  }
}
