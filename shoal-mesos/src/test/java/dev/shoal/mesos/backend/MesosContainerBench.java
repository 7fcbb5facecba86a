package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.engine.run.RunOutcome;
import dev.shoal.mesos.fake.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What a Docker image costs a task: N trivial tasks ({@code echo K > t.K}) through the command
 * executor on the host, in the test image through the MESOS containerizer and through the DOCKER
 * one (both run with real Docker by the fake master), median of 3. Not part of the suite:
 *
 * <pre>
 * DOCKER_HOST=unix:///run/shoal-docker.sock ./mvnw -o -q -B verify -pl shoal-mesos -am \
 *     -Dtest=MesosContainerBench -Dsurefire.failIfNoSpecifiedTests=false -Dshoal.bench.containers=20
 * </pre>
 */
@EnabledIfSystemProperty(named = "shoal.bench.containers", matches = "\\d+")
class MesosContainerBench extends MesosHarness {

  @Test
  void trivialTasks_hostVersusImage() throws Exception {
    TestImage.assumeDocker();
    int n = Integer.getInteger("shoal.bench.containers");
    String javaHome = Containers.homeOf(LauncherJar.java());
    StringBuilder mf = new StringBuilder();
    for (int i = 0; i < n; i++) {
      mf.append("t.").append(i).append(":\n\techo ").append(i).append(" > t.").append(i);
      mf.append("\n\n");
    }
    try (TestImage image = TestImage.build(Files.createDirectories(tmp.resolve("img")), javaHome)) {
      Map<String, UnaryOperator<MesosOptions>> ways =
          new java.util.LinkedHashMap<>(
              Map.of(
                  "host",
                  o -> o,
                  "mesos",
                  o ->
                      o.withContainers(
                          new Containers(
                              image.tag(), Map.of(), Containers.Containerizer.MESOS, javaHome)),
                  "docker",
                  o ->
                      o.withContainers(
                          new Containers(
                              image.tag(), Map.of(), Containers.Containerizer.DOCKER, javaHome))));
      StringBuilder report = new StringBuilder();
      for (var way : List.of("host", "mesos", "docker")) {
        List<Double> secs = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
          Path dir = tmp.resolve(way + "-" + round);
          UnaryOperator<MesosOptions> tweak = ways.get(way);
          long t0 = System.nanoTime();
          RunOutcome r =
              run(
                  dir,
                  mf.toString(),
                  o ->
                      tweak
                          .apply(o)
                          .withExecutor(
                              ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.COMMAND)));
          secs.add((System.nanoTime() - t0) / 1e9);
          assertEquals(RunOutcome.Status.COMPLETED, r.status());
          assertEquals(List.of(), master.sandboxFiles());
        }
        List<Double> sorted = new ArrayList<>(secs);
        Collections.sort(sorted);
        double median = sorted.get(1);
        report.append(
            String.format(
                Locale.ROOT,
                "%-6s %d tasks: median %.2f s (%s), %.1f tasks/s%n",
                way,
                n,
                median,
                secs.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList(),
                n / median));
      }
      System.out.print(report);
      Files.writeString(Path.of("target", "container-bench.txt"), report);
    }
  }
}
