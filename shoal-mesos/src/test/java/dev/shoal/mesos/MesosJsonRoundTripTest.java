package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every call and event Shoal models: encoded, checked against the official Mesos 1.11 protobuf
 * classes (unknown fields, enum names and required fields), decoded back to an equal value.
 */
class MesosJsonRoundTripTest {
  static final FrameworkId FW = new FrameworkId("fw-1");
  static final AgentId AGENT = new AgentId("agent-1");
  static final TaskId TASK = new TaskId("rule-1");
  static final ExecutorId EXEC = new ExecutorId("exec-1");

  static final FrameworkInfo FRAMEWORK =
      new FrameworkInfo(
          "alice", "shoal", FW, List.of("science"), 604800, true, "h", List.of("MULTI_ROLE"));

  static final CommandInfo COMMAND =
      new CommandInfo(
          "echo hi > out.txt",
          true,
          List.of(),
          List.of(
              new CommandInfo.Uri("http://h:1/in.tar.gz", false, true, true, null),
              new CommandInfo.Uri("http://h:1/run", true, false, false, "bin/run")),
          Map.of("SHOAL_RULE", "1"),
          null);

  static final TaskInfo TASK_INFO =
      new TaskInfo(
          "rule 1",
          TASK,
          AGENT,
          List.of(
              Resource.cpus(1, "science"), Resource.mem(512, "science"), Resource.disk(64, "*")),
          COMMAND,
          null,
          new ContainerInfo.Mesos(
              "debian:12",
              List.of(
                  new ContainerInfo.Volume("/opt/jdk", "/opt/jdk", ContainerInfo.Volume.Mode.RO),
                  new ContainerInfo.Volume("/scratch", null, ContainerInfo.Volume.Mode.RW))),
          Bytes.ofUtf8("payload"));

  /** A command task in the Docker containerizer, as {@code --mesos-containerizer=docker} sends. */
  static final TaskInfo DOCKER_TASK =
      new TaskInfo(
          "rule 3",
          new TaskId("rule-3"),
          AGENT,
          List.of(Resource.cpus(1, "*")),
          COMMAND,
          null,
          new ContainerInfo.Docker(
              "registry.example/tools:2",
              ContainerInfo.Network.HOST,
              false,
              List.of(
                  new ContainerInfo.Volume("/opt/jdk", "/opt/jdk", ContainerInfo.Volume.Mode.RO))),
          null);

  static final TaskInfo EXECUTOR_TASK =
      new TaskInfo(
          "rule 2",
          new TaskId("rule-2"),
          AGENT,
          List.of(Resource.cpus(0.5, "*")),
          null,
          new ExecutorInfo(
              EXEC,
              FW,
              "shoal launcher",
              CommandInfo.shell("./launcher"),
              List.of(Resource.mem(32, "*")),
              new ContainerInfo.Docker("debian:12", ContainerInfo.Network.BRIDGE, true)),
          null,
          null);

  static final TaskStatus STATUS =
      new TaskStatus(
          TASK,
          TaskState.TASK_FINISHED,
          TaskStatus.Source.SOURCE_EXECUTOR,
          TaskStatus.Reason.REASON_RECONCILIATION,
          "done",
          AGENT,
          EXEC,
          Bytes.randomUuid(),
          Bytes.ofUtf8("x"),
          1.7e9);

  @Test
  void everyCall_roundTripsAndMatchesSchema() {
    List<Call> calls =
        List.of(
            new Call.Subscribe(FRAMEWORK.withId(null), List.of("science")),
            new Call.Teardown(),
            new Call.Accept(
                List.of(new OfferId("o1"), new OfferId("o2")),
                List.of(new Call.Launch(List.of(TASK_INFO, EXECUTOR_TASK, DOCKER_TASK))),
                new Filters(30)),
            new Call.Decline(List.of(new OfferId("o3")), new Filters(120)),
            new Call.Revive(List.of()),
            new Call.Revive(List.of("science")),
            new Call.Suppress(List.of()),
            new Call.Kill(TASK, AGENT),
            new Call.Kill(TASK, null),
            new Call.Shutdown(EXEC, AGENT),
            new Call.Acknowledge(AGENT, TASK, Bytes.randomUuid()),
            new Call.Reconcile(List.of()),
            new Call.Reconcile(
                List.of(new Call.TaskRef(TASK, AGENT), new Call.TaskRef(TASK, null))),
            new Call.Message(AGENT, EXEC, Bytes.ofUtf8("hello")));
    for (Call call : calls) {
      FrameworkId fw = call instanceof Call.Subscribe ? null : FW;
      String json = MesosJson.encodeCall(fw, call);
      var proto = SchemaCheck.schedulerCall(json);
      assertEquals(call.getClass().getSimpleName().toUpperCase(), proto.getType().name(), json);
      MesosJson.SchedulerCall back = MesosJson.decodeCall(json.getBytes(StandardCharsets.UTF_8));
      assertEquals(call, back.call(), json);
      assertEquals(fw, back.frameworkId());
    }
  }

  @Test
  void subscribe_writesFieldsAsTheDocsShowThem() {
    String json = MesosJson.encodeCall(null, new Call.Subscribe(FRAMEWORK, List.of()));
    assertTrue(
        json.startsWith("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{"), json);
    assertTrue(json.contains("\"id\":{\"value\":\"fw-1\"}"), json);
    assertTrue(json.contains("\"capabilities\":[{\"type\":\"MULTI_ROLE\"}]"), json);
    var proto = SchemaCheck.schedulerCall(json);
    assertEquals(604800.0, proto.getSubscribe().getFrameworkInfo().getFailoverTimeout());
  }

  @Test
  void containers_writeVolumesImageAndNetworkAsTheProtobufReadsThem() {
    String json =
        MesosJson.encodeCall(
            FW,
            new Call.Accept(
                List.of(new OfferId("o1")),
                List.of(new Call.Launch(List.of(TASK_INFO, DOCKER_TASK))),
                new Filters(1)));
    var tasks = SchemaCheck.schedulerCall(json).getAccept().getOperations(0).getLaunch();
    var mesos = tasks.getTaskInfos(0).getContainer();
    assertEquals("MESOS", mesos.getType().name());
    assertEquals("DOCKER", mesos.getMesos().getImage().getType().name());
    assertEquals("debian:12", mesos.getMesos().getImage().getDocker().getName());
    assertTrue(mesos.getMesos().getImage().getCached(), "an image on the agent is not pulled");
    assertEquals("/opt/jdk", mesos.getVolumes(0).getHostPath());
    assertEquals("/opt/jdk", mesos.getVolumes(0).getContainerPath());
    assertEquals("RO", mesos.getVolumes(0).getMode().name());
    assertEquals("RW", mesos.getVolumes(1).getMode().name());
    var docker = tasks.getTaskInfos(1).getContainer();
    assertEquals("DOCKER", docker.getType().name());
    assertEquals("registry.example/tools:2", docker.getDocker().getImage());
    assertEquals("HOST", docker.getDocker().getNetwork().name());
    assertTrue(docker.getDocker().hasForcePullImage(), "force_pull_image written out");
    assertEquals(false, docker.getDocker().getForcePullImage());
    assertEquals("RO", docker.getVolumes(0).getMode().name());
  }

  @Test
  void acknowledge_writesUuidAsBase64OfTheSameBytes() {
    Bytes uuid = Bytes.randomUuid();
    var proto =
        SchemaCheck.schedulerCall(
            MesosJson.encodeCall(FW, new Call.Acknowledge(AGENT, TASK, uuid)));
    assertEquals(new Bytes(proto.getAcknowledge().getUuid().toByteArray()), uuid);
  }

  @Test
  void everyEvent_roundTripsAndMatchesSchema() {
    Offer offer =
        new Offer(
            new OfferId("o1"),
            FW,
            AGENT,
            "agent.host",
            List.of(Resource.cpus(2, "science"), Resource.mem(1024, "science")),
            List.of(EXEC));
    List<Event> events =
        List.of(
            new Event.Subscribed(FW, 15),
            new Event.Offers(List.of(offer, offer)),
            new Event.Rescind(new OfferId("o1")),
            new Event.Update(STATUS),
            new Event.Update(
                TaskStatus.of(TASK, TaskState.TASK_LOST, TaskStatus.Source.SOURCE_MASTER)),
            new Event.Message(AGENT, EXEC, Bytes.ofUtf8("m")),
            new Event.Failure(AGENT, null, null),
            new Event.Failure(AGENT, EXEC, 137),
            new Event.Error("Framework has been removed"),
            new Event.Heartbeat());
    for (Event event : events) {
      String json = MesosJson.encodeEvent(event);
      SchemaCheck.schedulerEvent(json);
      assertEquals(event, MesosJson.decodeEvent(json.getBytes(StandardCharsets.UTF_8)), json);
    }
  }

  @Test
  void executorCallsAndEvents_roundTripAndMatchSchema() {
    List<ExecutorCall> calls =
        List.of(
            new ExecutorCall.Subscribe(List.of(), List.of()),
            new ExecutorCall.Subscribe(List.of(TASK_INFO), List.of(STATUS)),
            new ExecutorCall.Update(STATUS),
            new ExecutorCall.Message(Bytes.ofUtf8("to scheduler")));
    for (ExecutorCall call : calls) {
      String json = MesosJson.encodeExecutorCall(FW, EXEC, call);
      SchemaCheck.executorCall(json);
      assertEquals(
          new MesosJson.FromExecutor(FW, EXEC, call),
          MesosJson.decodeExecutorCall(json.getBytes(StandardCharsets.UTF_8)),
          json);
    }
    List<ExecutorEvent> events =
        List.of(
            new ExecutorEvent.Subscribed(EXECUTOR_TASK.executor(), FRAMEWORK, AGENT, "agent.host"),
            new ExecutorEvent.Launch(TASK_INFO),
            new ExecutorEvent.Kill(TASK),
            new ExecutorEvent.Acknowledged(TASK, Bytes.randomUuid()),
            new ExecutorEvent.Message(Bytes.ofUtf8("from scheduler")),
            new ExecutorEvent.Shutdown(),
            new ExecutorEvent.Error("bad"),
            new ExecutorEvent.Heartbeat());
    for (ExecutorEvent event : events) {
      String json = MesosJson.encodeExecutorEvent(event);
      SchemaCheck.executorEvent(json);
      assertEquals(
          event, MesosJson.decodeExecutorEvent(json.getBytes(StandardCharsets.UTF_8)), json);
    }
  }
}
