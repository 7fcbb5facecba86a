package dev.shoal.wq.factory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FactoryConfigTest {
  static FactoryConfig config(Optional<Pattern> managers, Optional<FactoryConfig.Direct> direct) {
    return new FactoryConfig(
        managers,
        direct,
        new DemandPolicy(0, 3, 5, 0, new WorkerShape(2, 1000, 0, 0), false),
        "/usr/bin/work_queue_worker",
        "127.0.0.1:9097",
        Duration.ofSeconds(30),
        Optional.of(Path.of("pw")),
        List.of("--debug", "all"),
        Map.of(),
        Duration.ofSeconds(1),
        Optional.empty());
  }

  @Test
  void workerCommand_catalogMode() {
    assertEquals(
        List.of(
            "/usr/bin/work_queue_worker",
            "-M",
            "proj.*",
            "-C",
            "127.0.0.1:9097",
            "-t",
            "30",
            "--cores=2",
            "--memory=1000",
            "-P",
            "pw",
            "--debug",
            "all"),
        config(Optional.of(Pattern.compile("proj.*")), Optional.empty()).workerCommand());
  }

  @Test
  void workerCommand_directMode_endsWithHostAndPort() {
    List<String> cmd =
        config(Optional.empty(), Optional.of(new FactoryConfig.Direct("h", 9123))).workerCommand();
    assertEquals(List.of("h", "9123"), cmd.subList(cmd.size() - 2, cmd.size()));
    assertFalse(cmd.contains("-M"));
  }

  @Test
  void serves_regexFoundAnywhere_asPosixRegexec() {
    FactoryConfig c = config(Optional.of(Pattern.compile("^run-[0-9]+")), Optional.empty());
    assertTrue(c.serves("run-12-x"));
    assertFalse(c.serves("my-run-12"));
  }

  @Test
  void bothOrNeitherTarget_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> config(Optional.empty(), Optional.empty()));
  }
}
