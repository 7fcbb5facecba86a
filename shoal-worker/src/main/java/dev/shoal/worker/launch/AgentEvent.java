package dev.shoal.worker.launch;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.util.Base64;

/**
 * The v1 executor events ({@code mesos/v1/executor/executor.proto}, {@code Event}) the {@link
 * ShoalExecutor} acts on, decoded from the agent's JSON by {@link #parse}. Only the fields Shoal
 * needs are read; the full typed model and codec live in shoal-mesos, which the executor's jar must
 * not carry (it holds the scheduler).
 */
sealed interface AgentEvent {

  record Subscribed(String agentId) implements AgentEvent {}

  /**
   * @param task the TaskInfo as the agent sent it, echoed in a resubscription's {@code
   *     unacknowledged_tasks}
   * @param data the task's {@code data}, decoded (the {@link LaunchSpec} JSON), or {@code null}
   */
  record Launch(String taskId, JxObject task, String data) implements AgentEvent {}

  record Kill(String taskId) implements AgentEvent {}

  /**
   * @param uuid Base64, as in the UPDATE it acknowledges
   */
  record Acknowledged(String taskId, String uuid) implements AgentEvent {}

  record Shutdown() implements AgentEvent {}

  record Error(String message) implements AgentEvent {}

  /** HEARTBEAT, MESSAGE, LAUNCH_GROUP and anything newer: nothing to do. */
  record Other(String type) implements AgentEvent {}

  /**
   * @throws IllegalArgumentException naming the field when {@code json} is not an executor event
   */
  static AgentEvent parse(String json) {
    JxObject e;
    try {
      e = obj(Json.parse(json, "executor event"), "event");
    } catch (JxSyntaxException x) {
      throw new IllegalArgumentException("executor event is not JSON: " + x.getMessage(), x);
    }
    String type = str(e.get("type"), "type");
    return switch (type) {
      case "SUBSCRIBED" -> {
        JxObject agent =
            obj(obj(e.get("subscribed"), "subscribed").get("agent_info"), "agent_info");
        yield new Subscribed(
            agent.get("id") instanceof JxObject id ? str(id.get("value"), "agent_info.id") : "");
      }
      case "LAUNCH" -> {
        JxObject task = obj(obj(e.get("launch"), "launch").get("task"), "launch.task");
        String data =
            task.get("data") instanceof JxString d
                ? new String(
                    Base64.getDecoder().decode(d.value()), java.nio.charset.StandardCharsets.UTF_8)
                : null;
        yield new Launch(id(task.get("task_id"), "launch.task.task_id"), task, data);
      }
      case "KILL" -> new Kill(id(obj(e.get("kill"), "kill").get("task_id"), "kill.task_id"));
      case "ACKNOWLEDGED" -> {
        JxObject a = obj(e.get("acknowledged"), "acknowledged");
        yield new Acknowledged(
            id(a.get("task_id"), "acknowledged.task_id"), str(a.get("uuid"), "acknowledged.uuid"));
      }
      case "SHUTDOWN" -> new Shutdown();
      case "ERROR" -> new Error(str(obj(e.get("error"), "error").get("message"), "error.message"));
      default -> new Other(type);
    };
  }

  private static String id(JxValue v, String field) {
    return str(obj(v, field).get("value"), field + ".value");
  }

  private static JxObject obj(JxValue v, String field) {
    if (v instanceof JxObject o) {
      return o;
    }
    throw new IllegalArgumentException(field + ": expected an object");
  }

  private static String str(JxValue v, String field) {
    if (v instanceof JxString s) {
      return s.value();
    }
    throw new IllegalArgumentException(field + ": expected a string");
  }
}
