package dev.shoal.worker.launch;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxDouble;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The v1 executor calls ({@code mesos/v1/executor/executor.proto}, {@code Call}) the {@link
 * ShoalExecutor} sends, as JSON in protobuf's mapping (snake_case, enums by name, {@code bytes} in
 * Base64). The tests of shoal-mesos parse every one with the official Mesos 1.11 classes. Pure.
 */
final class AgentCalls {
  private AgentCalls() {}

  /** Who sends the calls: the ids Mesos gave the executor in its environment. */
  record Sender(String frameworkId, String executorId) {}

  /**
   * @param tasks TaskInfos received and not yet acknowledged, as the agent sent them
   * @param updates statuses sent and not yet acknowledged
   */
  static String subscribe(Sender s, Collection<JxObject> tasks, Collection<JxObject> updates) {
    List<JxValue> u = new ArrayList<>();
    updates.forEach(status -> u.add(object("status", status)));
    Map<String, JxValue> sub = new LinkedHashMap<>();
    sub.put("unacknowledged_tasks", new JxArray(List.copyOf(tasks)));
    sub.put("unacknowledged_updates", new JxArray(u));
    return call(s, "SUBSCRIBE", "subscribe", new JxObject(sub));
  }

  static String update(Sender s, JxObject status) {
    return call(s, "UPDATE", "update", object("status", status));
  }

  /**
   * A TaskStatus from the executor.
   *
   * @param state a {@code TaskState} name, e.g. {@code TASK_RUNNING}
   * @param uuid 16 random bytes in Base64, the update's identity until ACKNOWLEDGED
   * @param message may be {@code null}
   * @param data the task's report (sent as UTF-8 bytes), or {@code null}
   */
  static JxObject status(
      Sender s,
      String taskId,
      String state,
      String uuid,
      String message,
      String data,
      double timestamp) {
    Map<String, JxValue> m = new LinkedHashMap<>();
    m.put("task_id", id(taskId));
    m.put("state", new JxString(state));
    if (message != null) {
      m.put("message", new JxString(message));
    }
    m.put("source", new JxString("SOURCE_EXECUTOR"));
    m.put("executor_id", id(s.executorId()));
    m.put("timestamp", new JxDouble(timestamp));
    m.put("uuid", new JxString(uuid));
    if (data != null) {
      m.put(
          "data",
          new JxString(
              java.util.Base64.getEncoder()
                  .encodeToString(data.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }
    return new JxObject(m);
  }

  private static String call(Sender s, String type, String field, JxObject body) {
    Map<String, JxValue> m = new LinkedHashMap<>();
    m.put("executor_id", id(s.executorId()));
    m.put("framework_id", id(s.frameworkId()));
    m.put("type", new JxString(type));
    m.put(field, body);
    return Json.write(new JxObject(m));
  }

  private static JxObject id(String value) {
    return object("value", new JxString(value));
  }

  private static JxObject object(String key, JxValue value) {
    Map<String, JxValue> m = new LinkedHashMap<>();
    m.put(key, value);
    return new JxObject(m);
  }
}
