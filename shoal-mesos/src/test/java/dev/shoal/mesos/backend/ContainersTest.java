package dev.shoal.mesos.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.lang.model.FileRef;
import dev.shoal.lang.model.Resources;
import dev.shoal.mesos.AgentId;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.ContainerInfo;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.FrameworkId;
import dev.shoal.mesos.Offer;
import dev.shoal.mesos.OfferId;
import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskInfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which image each task runs in, the ContainerInfo built for it and the executor it goes to. */
class ContainersTest {
  static final String JDK = "/opt/jdk-21";
  static final List<ContainerInfo.Volume> JDK_RO =
      List.of(new ContainerInfo.Volume(JDK, JDK, ContainerInfo.Volume.Mode.RO));

  @TempDir Path tmp;

  @Test
  void containerOf_categoryImageWinsOverTheWorkflowImage() {
    Containers c =
        new Containers("base:1", Map.of("align", "bwa:2"), Containers.Containerizer.MESOS, JDK);
    assertEquals(new ContainerInfo.Mesos("bwa:2", JDK_RO), c.containerOf("align"));
    assertEquals(new ContainerInfo.Mesos("base:1", JDK_RO), c.containerOf("default"));
    assertEquals(JDK + "/bin/java", c.java());
  }

  @Test
  void containerOf_dockerContainerizer_hostNetworkNeverForcesAPull() {
    Containers c =
        new Containers(null, Map.of("align", "bwa:2"), Containers.Containerizer.DOCKER, JDK);
    assertEquals(
        new ContainerInfo.Docker("bwa:2", ContainerInfo.Network.HOST, false, JDK_RO),
        c.containerOf("align"));
    assertNull(c.containerOf("default"), "a category without an image runs on the host");
    assertNull(Containers.NONE.containerOf("default"));
  }

  @Test
  void homeOf_takesTheJdkOfAnAbsoluteJavaOnly() {
    assertEquals("/usr/lib/jvm/x", Containers.homeOf("/usr/lib/jvm/x/bin/java"));
    assertNull(Containers.homeOf("java"));
    assertNull(Containers.homeOf("/usr/local/bin/java8"));
  }

  @Test
  void imageWithoutJavaHome_isAUsageErrorNamingTheOptions() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Containers("base:1", Map.of(), Containers.Containerizer.MESOS, null));
    assertTrue(e.getMessage().contains("--mesos-java-home"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Containers(null, Map.of("a", " "), Containers.Containerizer.MESOS, JDK));
    assertTrue(e.getMessage().contains("--docker-category a="), e.getMessage());
  }

  @Test
  void scheduler_sendsImageTasksThroughTheCommandExecutor_othersToTheShoalExecutor()
      throws Exception {
    Path jar = Files.writeString(tmp.resolve("launcher.jar"), "jar");
    MesosOptions o =
        MesosOptions.of(List.of("m:5050"), jar)
            .withDefaults(0.5, 64, 64)
            .withExecutor(ExecutorChoice.DEFAULT.withMode(ExecutorChoice.Mode.SHOAL))
            .withContainers(
                new Containers(
                    null, Map.of("boxed", "img:1"), Containers.Containerizer.MESOS, JDK));
    try (FileServer server =
        new FileServer(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", 4, Duration.ZERO)) {
      Scheduler s =
          new Scheduler(o, new TaskFiles(server, tmp.resolve("staging"), o), () -> 1, "r", false);
      s.handle(new Input.FromMesos(new Event.Subscribed(new FrameworkId("FW"), 15)));
      s.handle(new Input.Submit(task(1, "boxed")));
      s.handle(new Input.Submit(task(2, "plain")));
      List<Effect> e =
          s.handle(
              new Input.FromMesos(
                  new Event.Offers(
                      List.of(
                          new Offer(
                              new OfferId("o1"),
                              new FrameworkId("FW"),
                              new AgentId("S0"),
                              "agent0",
                              List.of(
                                  Resource.cpus(4, "*"),
                                  Resource.mem(4096, "*"),
                                  Resource.disk(4096, "*")),
                              List.of())))));
      Call.Accept accept =
          e.stream()
              .filter(Effect.Send.class::isInstance)
              .map(x -> ((Effect.Send) x).call())
              .filter(Call.Accept.class::isInstance)
              .map(Call.Accept.class::cast)
              .findFirst()
              .orElseThrow();
      List<TaskInfo> tasks = ((Call.Launch) accept.operations().getFirst()).tasks();
      assertEquals(2, tasks.size());
      TaskInfo boxed = tasks.get(0);
      assertEquals(new ContainerInfo.Mesos("img:1", JDK_RO), boxed.container());
      assertNull(boxed.executor());
      assertTrue(boxed.command().value().startsWith(JDK + "/bin/java "), boxed.command().value());
      TaskInfo plain = tasks.get(1);
      assertNull(plain.container());
      assertNotNull(plain.executor(), "the other category still goes to the Shoal executor");
    }
  }

  private TaskSpec task(long id, String category) {
    return new TaskSpec(
        new dev.shoal.engine.spi.TaskId(id),
        (int) id,
        "true",
        tmp,
        List.of(),
        List.of(FileRef.of("out" + id)),
        Map.of(),
        Resources.NONE,
        category,
        null);
  }
}
