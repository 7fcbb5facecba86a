package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.run.RunOutcome;
import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskResult;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.Resources;
import dev.shoal.mesos.ContainerInfo;
import dev.shoal.mesos.TaskInfo;
import dev.shoal.mesos.fake.TestImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tasks in Docker images (issue 5, item 4) on the fake master, which runs each task that carries a
 * {@code ContainerInfo} in its image with the real Docker of {@code DOCKER_HOST}. The image is
 * built from this machine's files ({@link TestImage}) and has no JDK: the launcher runs with the
 * agent's JDK mounted read-only. Skipped when docker is unusable, unless {@code
 * SHOAL_REQUIRE_DOCKER=1}.
 */
class MesosContainerTest extends MesosHarness {
  private static final String JAVA_HOME = Containers.homeOf(LauncherJar.java());
  private static Path scratch;
  private static TestImage image;

  @BeforeAll
  static void buildImage() throws IOException {
    TestImage.assumeDocker();
    scratch = Files.createTempDirectory("shoal-image-");
    image = TestImage.build(scratch, JAVA_HOME);
  }

  @AfterAll
  static void removeImage() throws IOException {
    if (image != null) {
      image.close();
    }
    if (scratch != null) {
      TaskFiles.deleteTree(scratch);
    }
  }

  @AfterEach
  void noContainerLeft() throws IOException {
    master.close(); // waits for killed containers to go
    assertEquals(List.of(), TestImage.containers(), "containers left behind");
  }

  static MesosOptions inImage(
      MesosOptions o, String all, Map<String, String> categories, Containers.Containerizer c) {
    return o.withContainers(new Containers(all, categories, c, JAVA_HOME));
  }

  @Test
  void wholeWorkflow_runsInTheImage_throughTheMesosContainerizer() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("wf"));
    byte[] data = new byte[300_000];
    new Random(7).nextBytes(data);
    Files.write(dir.resolve("data.bin"), data);
    String mf =
        "marker.out:\n\tcat "
            + TestImage.MARKER
            + " > marker.out\n\n"
            + "count.out copy.bin: data.bin\n\twc -c < data.bin > count.out && cat data.bin >"
            + " copy.bin\n";

    RunOutcome r =
        run(dir, mf, o -> inImage(o, image.tag(), Map.of(), Containers.Containerizer.MESOS));

    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    assertEquals(image.marker(), Files.readString(dir.resolve("marker.out")), "ran in the image");
    assertArrayEquals(data, Files.readAllBytes(dir.resolve("copy.bin")));
    assertEquals("300000", Files.readString(dir.resolve("count.out")).strip());
    List<TaskInfo> launched = master.containerTasks();
    assertEquals(2, launched.size());
    for (TaskInfo t : launched) {
      ContainerInfo.Mesos c = assertInstanceOf(ContainerInfo.Mesos.class, t.container());
      assertEquals(image.tag(), c.dockerImage());
      assertEquals(
          List.of(new ContainerInfo.Volume(JAVA_HOME, JAVA_HOME, ContainerInfo.Volume.Mode.RO)),
          c.volumes());
      assertTrue(t.command().value().startsWith(JAVA_HOME + "/bin/java "), t.command().value());
      assertEquals(null, t.executor(), "a task in an image goes through the command executor");
    }
    assertEquals(Map.of(), master.executorStarts());
    assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
    assertFalse(Files.exists(dir.resolve(".shoal-mesos")), "staging left behind");
  }

  @Test
  void oneCategory_runsInTheImage_throughTheDockerContainerizer_othersOnTheHost() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("wf"));
    String probe = "if test -e " + TestImage.MARKER + "; then echo image; else echo host; fi";
    String mf =
        ".MAKEFLOW CATEGORY boxed\nboxed.out:\n\tcat "
            + TestImage.MARKER
            + " > boxed.out\n\n"
            + ".MAKEFLOW CATEGORY plain\nplain.out:\n\t"
            + probe
            + " > plain.out\n";

    RunOutcome r =
        run(
            dir,
            mf,
            o -> inImage(o, null, Map.of("boxed", image.tag()), Containers.Containerizer.DOCKER));

    assertEquals(RunOutcome.Status.COMPLETED, r.status(), () -> "events: " + events);
    assertEquals(image.marker(), Files.readString(dir.resolve("boxed.out")));
    assertEquals("host\n", Files.readString(dir.resolve("plain.out")));
    List<TaskInfo> launched = master.containerTasks();
    assertEquals(1, launched.size(), "only the boxed category in a container");
    ContainerInfo.Docker c =
        assertInstanceOf(ContainerInfo.Docker.class, launched.getFirst().container());
    assertEquals(
        new ContainerInfo.Docker(
            image.tag(),
            ContainerInfo.Network.HOST,
            false,
            List.of(new ContainerInfo.Volume(JAVA_HOME, JAVA_HOME, ContainerInfo.Volume.Mode.RO))),
        c);
    // The plain task ran in the Shoal executor, which empties its own sandbox on SHUTDOWN.
    assertTrue(
        master.awaitExecutorsExited(java.time.Duration.ofSeconds(20)), "SHUTDOWN left executors");
    assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
  }

  @Test
  void missingImage_failsTheRuleWithMesosReason_notAHang() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("wf"));
    String missing = "shoal-no-such-image-" + System.nanoTime() + ":1";

    RunOutcome r =
        run(
            dir,
            "out:\n\techo never > out\n",
            o -> inImage(o, missing, Map.of(), Containers.Containerizer.MESOS));

    assertEquals(RunOutcome.Status.FAILED, r.status());
    String message = String.valueOf(events);
    assertTrue(message.contains("BACKEND_ERROR"), message);
    assertTrue(message.contains("REASON_CONTAINER_LAUNCH_FAILED"), message);
    assertTrue(message.contains("No such image"), message);
    assertTrue(message.contains("runs in Docker image " + missing), message);
    assertFalse(Files.exists(dir.resolve("out")));
    assertEquals(0, master.activeTasks());
  }

  @Test
  void cancel_ofATaskInAnImage_removesItsContainer() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("kill"));
    BlockingQueue<BackendEvent> seen = new LinkedBlockingQueue<>();
    MesosOptions o = inImage(options(), image.tag(), Map.of(), Containers.Containerizer.DOCKER);
    MesosBackend b = MesosBackend.start(seen::add, o, dir, "Makeflow", MesosHarness::micros);
    try {
      b.submit(
          new TaskSpec(
              new TaskId(1),
              1,
              "sleep 300",
              dir,
              List.of(),
              List.of(),
              Map.of(),
              Resources.NONE,
              "default",
              null));
      assertInstanceOf(BackendEvent.Started.class, seen.poll(60, TimeUnit.SECONDS));
      assertEquals(1, TestImage.containers().size(), "the task's container runs");
      b.cancel(new TaskId(1));
      BackendEvent.Finished f =
          assertInstanceOf(BackendEvent.Finished.class, seen.poll(60, TimeUnit.SECONDS));
      assertEquals(TaskResult.Outcome.CANCELLED, f.result().outcome());
      // docker removes the container asynchronously: poll with a deadline
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!TestImage.containers().isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(List.of(), TestImage.containers(), "KILL left the container running");
    } finally {
      b.close();
    }
  }
}
