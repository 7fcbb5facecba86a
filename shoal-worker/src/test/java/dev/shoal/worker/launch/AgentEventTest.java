package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.jx.JxObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The executor's side of the v1 Executor API on text shaped as an agent sends it. */
class AgentEventTest {

  @Test
  void launch_carriesTheTaskIdAndDecodedData() {
    String json =
        "{\"type\":\"LAUNCH\",\"launch\":{\"task\":{\"name\":\"shoal rule 3\","
            + "\"task_id\":{\"value\":\"shoal-ab-3-0\"},\"agent_id\":{\"value\":\"S0\"},"
            + "\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":0.5}}],"
            + "\"executor\":{\"executor_id\":{\"value\":\"shoal-ab-executor\"},"
            + "\"command\":{\"value\":\"java\"}},\"data\":\"eyJhIjoxfQ==\"}}}";
    AgentEvent.Launch l = assertInstanceOf(AgentEvent.Launch.class, AgentEvent.parse(json));
    assertEquals("shoal-ab-3-0", l.taskId());
    assertEquals("{\"a\":1}", l.data());
    assertTrue(l.task().get("resources") != null, "the TaskInfo is kept whole, to echo back");
  }

  @Test
  void otherEvents_areRead_andUnknownOnesIgnored() {
    assertEquals(
        new AgentEvent.Subscribed("S1"),
        AgentEvent.parse(
            "{\"type\":\"SUBSCRIBED\",\"subscribed\":{\"executor_info\":{},\"framework_info\":{},"
                + "\"agent_info\":{\"hostname\":\"h\",\"id\":{\"value\":\"S1\"}}}}"));
    assertEquals(
        new AgentEvent.Kill("t"),
        AgentEvent.parse("{\"type\":\"KILL\",\"kill\":{\"task_id\":{\"value\":\"t\"}}}"));
    assertEquals(
        new AgentEvent.Acknowledged("t", "AAEC"),
        AgentEvent.parse(
            "{\"type\":\"ACKNOWLEDGED\",\"acknowledged\":{\"task_id\":{\"value\":\"t\"},"
                + "\"uuid\":\"AAEC\"}}"));
    assertEquals(new AgentEvent.Shutdown(), AgentEvent.parse("{\"type\":\"SHUTDOWN\"}"));
    assertEquals(new AgentEvent.Other("HEARTBEAT"), AgentEvent.parse("{\"type\":\"HEARTBEAT\"}"));
    assertEquals(
        new AgentEvent.Other("LAUNCH_GROUP"), AgentEvent.parse("{\"type\":\"LAUNCH_GROUP\"}"));
  }

  @Test
  void malformedEvent_namesTheField() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AgentEvent.parse("{\"type\":\"KILL\",\"kill\":{}}"));
    assertTrue(e.getMessage().startsWith("kill.task_id"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> AgentEvent.parse("not json"));
  }

  @Test
  void update_hasTheFieldsAnExecutorMustSend() {
    AgentCalls.Sender s = new AgentCalls.Sender("FW-1", "E-1");
    JxObject status = AgentCalls.status(s, "t", "TASK_RUNNING", "AAEC", null, null, 1.5);
    String json = AgentCalls.update(s, status);
    assertEquals(
        "{\"executor_id\":{\"value\":\"E-1\"},\"framework_id\":{\"value\":\"FW-1\"},"
            + "\"type\":\"UPDATE\",\"update\":{\"status\":{\"task_id\":{\"value\":\"t\"},"
            + "\"state\":\"TASK_RUNNING\",\"source\":\"SOURCE_EXECUTOR\","
            + "\"executor_id\":{\"value\":\"E-1\"},\"timestamp\":1.5,\"uuid\":\"AAEC\"}}}",
        json);
    assertTrue(
        AgentCalls.subscribe(s, List.of(), List.of(status))
            .contains("\"unacknowledged_updates\":[{\"status\":"));
  }

  @Test
  void terminalUpdate_carriesTheReportAsData() {
    AgentCalls.Sender s = new AgentCalls.Sender("FW-1", "E-1");
    JxObject status =
        AgentCalls.status(s, "t", "TASK_FINISHED", "AAEC", "done", "{\"outcome\":1}", 1.5);
    assertTrue(
        AgentCalls.update(s, status)
            .contains(",\"uuid\":\"AAEC\",\"data\":\"eyJvdXRjb21lIjoxfQ==\"}"),
        AgentCalls.update(s, status));
  }

  @Test
  void mesosDurations_asTheAgentWritesThem() {
    assertEquals(Duration.ofMinutes(15), MesosDurations.parse("15mins", Duration.ZERO));
    assertEquals(Duration.ofSeconds(5), MesosDurations.parse("5secs", Duration.ZERO));
    assertEquals(Duration.ofMillis(1500), MesosDurations.parse("1.5secs", Duration.ZERO));
    assertEquals(Duration.ofDays(1), MesosDurations.parse("soon", Duration.ofDays(1)));
    assertEquals(Duration.ofDays(1), MesosDurations.parse(null, Duration.ofDays(1)));
  }
}
