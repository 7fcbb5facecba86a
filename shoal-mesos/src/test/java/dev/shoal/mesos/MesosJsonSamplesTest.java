package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decodes JSON written as a Mesos 1.11 master and agent write it (shapes from the scheduler and
 * executor HTTP API docs, with fields Shoal ignores, such as port ranges and attributes). Each
 * sample is first checked against the official protobuf classes, so the samples themselves are
 * known to be real Mesos JSON.
 */
class MesosJsonSamplesTest {

  static final String OFFERS =
      """
      {"type":"OFFERS","offers":{"offers":[{
        "id":{"value":"12214-23523-O235235"},
        "framework_id":{"value":"12220-3440-12532-2345"},
        "agent_id":{"value":"12220-3440-12532-S1233"},
        "hostname":"agent.host",
        "url":{"scheme":"http","address":{"hostname":"agent.host","ip":"198.51.100.1","port":5051},
               "path":"/slave(1)"},
        "resources":[
          {"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"role":"*",
           "allocation_info":{"role":"science"}},
          {"name":"mem","type":"SCALAR","scalar":{"value":8192},"role":"*",
           "allocation_info":{"role":"science"}},
          {"name":"disk","type":"SCALAR","scalar":{"value":20480},"role":"*"},
          {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},
           "role":"*"}],
        "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}],
        "executor_ids":[{"value":"shoal-exec-1"}]}]}}
      """;

  static final String SUBSCRIBED =
      """
      {"type":"SUBSCRIBED","subscribed":{"framework_id":{"value":"12220-3440-12532-2345"},
        "heartbeat_interval_seconds":15,
        "master_info":{"id":"m1","ip":16777343,"port":5050,"hostname":"master.host"}}}
      """;

  static final String UPDATE =
      """
      {"type":"UPDATE","update":{"status":{
        "task_id":{"value":"rule-7"},"state":"TASK_FAILED","source":"SOURCE_EXECUTOR",
        "reason":"REASON_COMMAND_EXECUTOR_FAILED","message":"Command exited with status 3",
        "agent_id":{"value":"12220-3440-12532-S1233"},"executor_id":{"value":"rule-7"},
        "timestamp":1.4e9,"uuid":"AQIDBAUGBwgJCgsMDQ4PEA==","healthy":true}}}
      """;

  static final String EXECUTOR_SUBSCRIBED =
      """
      {"type":"SUBSCRIBED","subscribed":{
        "executor_info":{"executor_id":{"value":"e1"},"framework_id":{"value":"f1"},
          "command":{"value":"./shoal-launcher","shell":true}},
        "framework_info":{"user":"alice","name":"shoal","id":{"value":"f1"}},
        "agent_info":{"hostname":"agent.host","id":{"value":"a1"},"port":5051},
        "container_id":{"value":"c-1"}}}
      """;

  /**
   * A LAUNCH of two tasks in containers as the Mesos docs write them (docker-containerizer.md,
   * container-image.md), with fields Shoal does not set (port mappings, parameters, privileged).
   */
  static final String CONTAINER_ACCEPT =
      """
      {"type":"ACCEPT","framework_id":{"value":"f1"},"accept":{
        "offer_ids":[{"value":"o1"}],
        "operations":[{"type":"LAUNCH","launch":{"task_infos":[
          {"name":"t1","task_id":{"value":"t1"},"agent_id":{"value":"a1"},
           "command":{"value":"cat /etc/os-release","shell":true},
           "container":{"type":"MESOS",
             "mesos":{"image":{"type":"DOCKER","docker":{"name":"library/ubuntu:22.04"},
                      "cached":true}},
             "volumes":[{"container_path":"/usr/lib/jvm/jdk","host_path":"/usr/lib/jvm/jdk",
                         "mode":"RO"}]}},
          {"name":"t2","task_id":{"value":"t2"},"agent_id":{"value":"a1"},
           "command":{"value":"hostname","shell":true},
           "container":{"type":"DOCKER",
             "docker":{"image":"library/debian:12","network":"HOST","privileged":false,
                       "force_pull_image":false,"parameters":[{"key":"init","value":"true"}]},
             "volumes":[{"container_path":"/data","host_path":"/srv/data","mode":"RW"}]}}
        ]}}]}}
      """;

  @Test
  void containerTasks_decodeImageNetworkAndVolumes() {
    SchemaCheck.schedulerCall(CONTAINER_ACCEPT);
    Call.Accept accept =
        assertInstanceOf(
            Call.Accept.class,
            MesosJson.decodeCall(CONTAINER_ACCEPT.getBytes(StandardCharsets.UTF_8)).call());
    List<TaskInfo> tasks = ((Call.Launch) accept.operations().getFirst()).tasks();
    assertEquals(
        new ContainerInfo.Mesos(
            "library/ubuntu:22.04",
            List.of(
                new ContainerInfo.Volume(
                    "/usr/lib/jvm/jdk", "/usr/lib/jvm/jdk", ContainerInfo.Volume.Mode.RO))),
        tasks.get(0).container());
    assertEquals(
        new ContainerInfo.Docker(
            "library/debian:12",
            ContainerInfo.Network.HOST,
            false,
            List.of(new ContainerInfo.Volume("/data", "/srv/data", ContainerInfo.Volume.Mode.RW))),
        tasks.get(1).container());
  }

  @Test
  void offers_decodesScalarsWithAllocationRoleAndSkipsRanges() {
    SchemaCheck.schedulerEvent(OFFERS);
    Event.Offers offers = assertInstanceOf(Event.Offers.class, decode(OFFERS));
    Offer o = offers.offers().getFirst();
    assertEquals(new AgentId("12220-3440-12532-S1233"), o.agentId());
    assertEquals("agent.host", o.hostname());
    assertEquals(4.0, o.cpus());
    assertEquals(8192.0, o.memMegabytes());
    assertEquals(20480.0, o.diskMegabytes());
    assertEquals(3, o.resources().size());
    assertEquals("science", o.resources().get(0).role());
    assertEquals("*", o.resources().get(2).role());
    assertEquals(List.of(new ExecutorId("shoal-exec-1")), o.executorIds());
  }

  @Test
  void subscribed_readsFrameworkIdAndHeartbeatIgnoringMasterInfo() {
    SchemaCheck.schedulerEvent(SUBSCRIBED);
    assertEquals(
        new Event.Subscribed(new FrameworkId("12220-3440-12532-2345"), 15), decode(SUBSCRIBED));
  }

  @Test
  void update_readsUuidAsBase64BytesAndReason() {
    SchemaCheck.schedulerEvent(UPDATE);
    TaskStatus s = assertInstanceOf(Event.Update.class, decode(UPDATE)).status();
    assertEquals(TaskState.TASK_FAILED, s.state());
    assertEquals(TaskStatus.Reason.REASON_COMMAND_EXECUTOR_FAILED, s.reason());
    assertEquals(16, s.uuid().bytes().length);
    assertEquals(1, s.uuid().bytes()[0]);
    assertEquals(1.4e9, s.timestamp());
  }

  @Test
  void heartbeatAndUnusedEvents_decode() {
    assertInstanceOf(Event.Heartbeat.class, decode("{\"type\":\"HEARTBEAT\"}"));
    assertEquals(
        new Event.Other("UPDATE_OPERATION_STATUS"),
        decode("{\"type\":\"UPDATE_OPERATION_STATUS\",\"update_operation_status\":{}}"));
  }

  @Test
  void executorSubscribed_decodes() {
    SchemaCheck.executorEvent(EXECUTOR_SUBSCRIBED);
    ExecutorEvent.Subscribed s =
        assertInstanceOf(
            ExecutorEvent.Subscribed.class,
            MesosJson.decodeExecutorEvent(EXECUTOR_SUBSCRIBED.getBytes(StandardCharsets.UTF_8)));
    assertEquals(new AgentId("a1"), s.agentId());
    assertEquals("./shoal-launcher", s.executorInfo().command().value());
    assertEquals(new FrameworkId("f1"), s.framework().id());
  }

  @Test
  void malformed_namesTheFieldPath() {
    MesosFormatException e =
        assertThrows(
            MesosFormatException.class,
            () -> decode(OFFERS.replace("\"hostname\":\"agent.host\",\n", "")));
    assertTrue(e.getMessage().startsWith("offers.offers[0].hostname: missing"), e.getMessage());
    e =
        assertThrows(
            MesosFormatException.class, () -> decode(UPDATE.replace("TASK_FAILED", "TASK_NAP")));
    assertTrue(e.getMessage().contains("unknown TaskState TASK_NAP"), e.getMessage());
    assertThrows(MesosFormatException.class, () -> decode("[1]"));
    assertThrows(MesosFormatException.class, () -> decode("{\"type\":"));
    assertThrows(
        MesosFormatException.class,
        () -> decode(UPDATE.replace("AQIDBAUGBwgJCgsMDQ4PEA==", "not base64!")));
  }

  @Test
  void callWithoutFrameworkId_isRejectedUnlessSubscribe() {
    MesosFormatException e =
        assertThrows(
            MesosFormatException.class,
            () -> MesosJson.decodeCall("{\"type\":\"TEARDOWN\"}".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().startsWith("framework_id: missing"), e.getMessage());
    assertNull(
        MesosJson.decodeCall(
                """
                {"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n"}}}
                """
                    .getBytes(StandardCharsets.UTF_8))
            .frameworkId());
  }

  private static Event decode(String json) {
    return MesosJson.decodeEvent(json.getBytes(StandardCharsets.UTF_8));
  }
}
