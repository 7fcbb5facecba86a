package dev.shoal.mesos;

import dev.shoal.jx.JxObject;
import java.util.List;

/** Executor calls and events ({@code mesos/v1/executor/executor.proto}) to and from JSON. */
final class ExecutorJson {
  private ExecutorJson() {}

  static JxObject call(FrameworkId frameworkId, ExecutorId executorId, ExecutorCall call) {
    JsonOut out = new JsonOut().id("executor_id", executorId).id("framework_id", frameworkId);
    return switch (call) {
      case ExecutorCall.Subscribe(List<TaskInfo> tasks, List<TaskStatus> updates) ->
          out.put("type", "SUBSCRIBE")
              .put(
                  "subscribe",
                  new JsonOut()
                      .list("unacknowledged_tasks", tasks, TypesJson::task)
                      .list(
                          "unacknowledged_updates",
                          updates,
                          s -> new JsonOut().put("status", TypesJson.status(s)).build())
                      .build())
              .build();
      case ExecutorCall.Update(TaskStatus status) ->
          out.put("type", "UPDATE")
              .put("update", new JsonOut().put("status", TypesJson.status(status)).build())
              .build();
      case ExecutorCall.Message(Bytes data) ->
          out.put("type", "MESSAGE")
              .put("message", new JsonOut().put("data", data).build())
              .build();
    };
  }

  static MesosJson.FromExecutor call(JsonIn in) {
    FrameworkId framework = in.id("framework_id", FrameworkId::new);
    ExecutorId executor = in.id("executor_id", ExecutorId::new);
    String type = in.str("type");
    ExecutorCall call =
        switch (type) {
          case "SUBSCRIBE" -> {
            JsonIn s = in.optObj("subscribe");
            yield s == null
                ? new ExecutorCall.Subscribe(List.of(), List.of())
                : new ExecutorCall.Subscribe(
                    s.list("unacknowledged_tasks", TypesJson::task),
                    s.list("unacknowledged_updates", u -> TypesJson.status(u.obj("status"))));
          }
          case "UPDATE" ->
              new ExecutorCall.Update(TypesJson.status(in.obj("update").obj("status")));
          case "MESSAGE" ->
              new ExecutorCall.Message(Bytes.fromBase64(in.obj("message").str("data")));
          default ->
              throw new MesosFormatException("type: executor call " + type + " is not supported");
        };
    return new MesosJson.FromExecutor(framework, executor, call);
  }

  static JxObject event(ExecutorEvent event) {
    JsonOut out = new JsonOut();
    return switch (event) {
      case ExecutorEvent.Subscribed(
              ExecutorInfo executor,
              FrameworkInfo framework,
              AgentId agent,
              String hostname) ->
          out.put("type", "SUBSCRIBED")
              .put(
                  "subscribed",
                  new JsonOut()
                      .put("executor_info", TypesJson.executor(executor))
                      .put("framework_info", TypesJson.framework(framework))
                      .put(
                          "agent_info",
                          new JsonOut().put("hostname", hostname).id("id", agent).build())
                      .build())
              .build();
      case ExecutorEvent.Launch(TaskInfo task) ->
          out.put("type", "LAUNCH")
              .put("launch", new JsonOut().put("task", TypesJson.task(task)).build())
              .build();
      case ExecutorEvent.Kill(TaskId task) ->
          out.put("type", "KILL").put("kill", new JsonOut().id("task_id", task).build()).build();
      case ExecutorEvent.Acknowledged(TaskId task, Bytes uuid) ->
          out.put("type", "ACKNOWLEDGED")
              .put("acknowledged", new JsonOut().id("task_id", task).put("uuid", uuid).build())
              .build();
      case ExecutorEvent.Message(Bytes data) ->
          out.put("type", "MESSAGE")
              .put("message", new JsonOut().put("data", data).build())
              .build();
      case ExecutorEvent.Shutdown s -> out.put("type", "SHUTDOWN").build();
      case ExecutorEvent.Error(String message) ->
          out.put("type", "ERROR")
              .put("error", new JsonOut().put("message", message).build())
              .build();
      case ExecutorEvent.Heartbeat h -> out.put("type", "HEARTBEAT").build();
      case ExecutorEvent.Other(String type) -> out.put("type", type).build();
    };
  }

  static ExecutorEvent event(JsonIn in) {
    String type = in.str("type");
    return switch (type) {
      case "SUBSCRIBED" -> {
        JsonIn s = in.obj("subscribed");
        JsonIn agent = s.obj("agent_info");
        yield new ExecutorEvent.Subscribed(
            TypesJson.executor(s.obj("executor_info")),
            TypesJson.framework(s.obj("framework_info")),
            agent.optId("id", AgentId::new),
            agent.str("hostname"));
      }
      case "LAUNCH" -> new ExecutorEvent.Launch(TypesJson.task(in.obj("launch").obj("task")));
      case "KILL" -> new ExecutorEvent.Kill(in.obj("kill").id("task_id", TaskId::new));
      case "ACKNOWLEDGED" -> {
        JsonIn a = in.obj("acknowledged");
        yield new ExecutorEvent.Acknowledged(
            a.id("task_id", TaskId::new), Bytes.fromBase64(a.str("uuid")));
      }
      case "MESSAGE" -> new ExecutorEvent.Message(Bytes.fromBase64(in.obj("message").str("data")));
      case "SHUTDOWN" -> new ExecutorEvent.Shutdown();
      case "ERROR" -> new ExecutorEvent.Error(in.obj("error").str("message"));
      case "HEARTBEAT" -> new ExecutorEvent.Heartbeat();
      default -> new ExecutorEvent.Other(type);
    };
  }
}
