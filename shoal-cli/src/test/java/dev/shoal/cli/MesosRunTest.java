package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.backend.Containers;
import dev.shoal.mesos.backend.FakeMasters;
import dev.shoal.mesos.backend.LauncherJar;
import dev.shoal.mesos.fake.FakeMesosMaster;
import dev.shoal.mesos.fake.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code makeflow -T mesos} end to end on the fake master, against {@code -T local}. */
class MesosRunTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"command", "shoal"})
  void mesosRun_ofSplitMapsCombine_matchesLocalRun(String executor) throws Exception {
    int maps = 6;
    StringBuilder mf = new StringBuilder();
    StringBuilder parts = new StringBuilder();
    StringBuilder outs = new StringBuilder();
    for (int i = 0; i < maps; i++) {
      parts.append(" part.").append(i);
      outs.append(" out.").append(i);
    }
    mf.append("shared").append(parts).append(": input\n\tcp input shared");
    for (int i = 0; i < maps; i++) {
      mf.append(" && grep -e '^").append(i).append("' input > part.").append(i);
    }
    mf.append("\n\n");
    for (int i = 0; i < maps; i++) {
      mf.append("out.").append(i).append(": part.").append(i).append(" shared\n\t");
      mf.append("(cat part.").append(i).append("; wc -c < shared) > out.").append(i);
      mf.append("\n\n");
    }
    mf.append("result:").append(outs).append("\n\tcat").append(outs).append(" > result\n");
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      input.append(i % maps).append(" line ").append(i).append('\n');
    }
    Path local = Files.createDirectories(tmp.resolve("local"));
    Path remote = Files.createDirectories(tmp.resolve("remote"));
    for (Path d : List.of(local, remote)) {
      Files.writeString(d.resolve("Makeflow"), mf);
      Files.writeString(d.resolve("input"), input);
    }

    Cli.Result l = Cli.makeflow(local, "Makeflow");
    Cli.Result r;
    try (FakeMesosMaster master = FakeMasters.start(Clock.systemUTC(), tmp.resolve("agents"))) {
      master.addAgent(2, 1024, 4096);
      master.addAgent(1, 1024, 4096);
      r =
          Cli.makeflow(
              remote,
              "-T",
              "mesos",
              // masters are tried in turn: the first refuses connections
              "--mesos-master=" + refusingAddress() + "," + master.address(),
              "--mesos-launcher-jar=" + LauncherJar.get(),
              "--mesos-java=" + LauncherJar.java(),
              "--mesos-file-host=127.0.0.1",
              "--mesos-default-cores=0.5",
              "--mesos-default-memory=64",
              "--mesos-max-downloads=2",
              "--mesos-executor=" + executor,
              "--monitor=mon",
              "Makeflow");
      assertTrue(master.awaitExecutorsExited(Duration.ofSeconds(20)), "executors after SHUTDOWN");
      assertEquals(List.of(), master.executorProcesses());
      var starts = master.executorStarts();
      assertEquals(executor.equals("shoal"), !starts.isEmpty(), "executor starts " + starts);
      assertTrue(starts.values().stream().allMatch(n -> n == 1), "once per agent: " + starts);
      assertEquals(List.of(), master.protocolErrors());
      assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
    }
    assertEquals(0, l.exit(), l.err());
    assertEquals(0, r.exit(), r.err());
    for (String f : List.of("shared", "out.0", "out." + (maps - 1), "result")) {
      assertArrayEquals(
          Files.readAllBytes(local.resolve(f)), Files.readAllBytes(remote.resolve(f)), f);
    }
    // --monitor: every rule's summary, measured on the agent, in the monitor directory.
    List<String> commands = new java.util.ArrayList<>();
    try (var files = Files.list(remote.resolve("mon"))) {
      for (Path f : files.sorted().toList()) {
        assertTrue(
            f.getFileName().toString().matches("resource-rule-\\d{6}\\.summary"), f.toString());
        dev.shoal.monitor.Summary s =
            dev.shoal.monitor.SummaryJson.parse(Files.readString(f), f.toString());
        assertEquals(0, s.exitStatus(), f.toString());
        commands.add(s.command());
      }
    }
    assertEquals(maps + 2, commands.size(), commands.toString());
    assertTrue(commands.getLast().contains("cat out.0"), commands.toString());
  }

  @Test
  void docker_runsEveryTaskInTheImage_dockerContainerizer() throws Exception {
    TestImage.assumeDocker();
    String javaHome = Containers.homeOf(LauncherJar.java());
    try (TestImage image = TestImage.build(Files.createDirectories(tmp.resolve("img")), javaHome);
        FakeMesosMaster master = FakeMasters.start(Clock.systemUTC(), tmp.resolve("agents"))) {
      master.addAgent(2, 1024, 4096);
      Path wf = Files.createDirectories(tmp.resolve("wf"));
      Files.writeString(wf.resolve("in"), "twelve bytes");
      Files.writeString(
          wf.resolve("Makeflow"), "out: in\n\t(cat " + TestImage.MARKER + "; wc -c < in) > out\n");

      Cli.Result r =
          Cli.makeflow(
              wf,
              "-T",
              "mesos",
              // masters are tried in turn: the first refuses connections
              "--mesos-master=" + refusingAddress() + "," + master.address(),
              "--mesos-launcher-jar=" + LauncherJar.get(),
              "--mesos-java=" + LauncherJar.java(),
              "--mesos-file-host=127.0.0.1",
              "--mesos-default-cores=0.5",
              "--mesos-default-memory=64",
              "--docker=" + image.tag(),
              "--mesos-containerizer=docker",
              "Makeflow");

      assertEquals(0, r.exit(), r.err());
      assertEquals(image.marker() + "12\n", Files.readString(wf.resolve("out")));
      assertEquals(1, master.containerTasks().size());
      assertInstanceOf(
          dev.shoal.mesos.ContainerInfo.Docker.class,
          master.containerTasks().getFirst().container());
      assertEquals(List.of(), master.protocolErrors());
      assertEquals(List.of(), master.sandboxFiles(), "sandbox content left behind");
    }
  }

  @Test
  void docker_withoutMesos_orJavaHome_isUsageError() throws Exception {
    Files.writeString(tmp.resolve("Makeflow"), "a:\n\ttouch a\n");
    Cli.Result r = Cli.makeflow(tmp, "--docker=debian:12", "Makeflow");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("-T mesos"), r.err());
    r =
        Cli.makeflow(
            tmp,
            "-T",
            "mesos",
            "--mesos-master=127.0.0.1:1",
            "--mesos-launcher-jar=" + LauncherJar.get(),
            "--docker=debian:12",
            "Makeflow");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--mesos-java-home"), r.err());
    r =
        Cli.makeflow(
            tmp,
            "-T",
            "mesos",
            "--mesos-master=127.0.0.1:1",
            "--mesos-launcher-jar=" + LauncherJar.get(),
            "--mesos-containerizer=rkt",
            "Makeflow");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("use mesos or docker"), r.err());
  }

  @Test
  void mesos_withoutMaster_isUsageError() throws Exception {
    Files.writeString(tmp.resolve("Makeflow"), "a:\n\ttouch a\n");
    Cli.Result r = Cli.makeflow(tmp, "-T", "mesos", "Makeflow");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--mesos-master"), r.err());
  }

  /** host:port where nothing listens (connections are refused). */
  static String refusingAddress() throws java.io.IOException {
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }
}
