package dev.shoal.mesos;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.util.List;

/** Scheduler calls and events ({@code mesos/v1/scheduler/scheduler.proto}) to and from JSON. */
final class SchedulerJson {
  private SchedulerJson() {}

  static JxObject call(FrameworkId frameworkId, Call call) {
    JsonOut out = new JsonOut().id("framework_id", frameworkId);
    return switch (call) {
      case Call.Subscribe(FrameworkInfo framework, List<String> suppressed) ->
          out.put("type", "SUBSCRIBE")
              .put(
                  "subscribe",
                  new JsonOut()
                      .put("framework_info", TypesJson.framework(framework))
                      .strings("suppressed_roles", suppressed)
                      .build())
              .build();
      case Call.Teardown t -> out.put("type", "TEARDOWN").build();
      case Call.Accept(List<OfferId> offers, List<Call.Operation> ops, Filters filters) ->
          out.put("type", "ACCEPT")
              .put(
                  "accept",
                  new JsonOut()
                      .list("offer_ids", offers, SchedulerJson::idValue)
                      .list("operations", ops, SchedulerJson::operation)
                      .put("filters", TypesJson.filters(filters))
                      .build())
              .build();
      case Call.Decline(List<OfferId> offers, Filters filters) ->
          out.put("type", "DECLINE")
              .put(
                  "decline",
                  new JsonOut()
                      .list("offer_ids", offers, SchedulerJson::idValue)
                      .put("filters", TypesJson.filters(filters))
                      .build())
              .build();
      case Call.Revive(List<String> roles) ->
          out.put("type", "REVIVE")
              .put("revive", roles.isEmpty() ? null : new JsonOut().strings("roles", roles).build())
              .build();
      case Call.Suppress(List<String> roles) ->
          out.put("type", "SUPPRESS")
              .put(
                  "suppress",
                  roles.isEmpty() ? null : new JsonOut().strings("roles", roles).build())
              .build();
      case Call.Kill(TaskId task, AgentId agent) ->
          out.put("type", "KILL")
              .put("kill", new JsonOut().id("task_id", task).id("agent_id", agent).build())
              .build();
      case Call.Shutdown(ExecutorId executor, AgentId agent) ->
          out.put("type", "SHUTDOWN")
              .put(
                  "shutdown",
                  new JsonOut().id("executor_id", executor).id("agent_id", agent).build())
              .build();
      case Call.Acknowledge(AgentId agent, TaskId task, Bytes uuid) ->
          out.put("type", "ACKNOWLEDGE")
              .put(
                  "acknowledge",
                  new JsonOut().id("agent_id", agent).id("task_id", task).put("uuid", uuid).build())
              .build();
      case Call.Reconcile(List<Call.TaskRef> tasks) ->
          out.put("type", "RECONCILE")
              .put(
                  "reconcile",
                  new JsonOut()
                      .list(
                          "tasks",
                          tasks,
                          t ->
                              new JsonOut()
                                  .id("task_id", t.taskId())
                                  .id("agent_id", t.agentId())
                                  .build())
                      .build())
              .build();
      case Call.Message(AgentId agent, ExecutorId executor, Bytes data) ->
          out.put("type", "MESSAGE")
              .put(
                  "message",
                  new JsonOut()
                      .id("agent_id", agent)
                      .id("executor_id", executor)
                      .put("data", data)
                      .build())
              .build();
    };
  }

  static MesosJson.SchedulerCall call(JsonIn in) {
    FrameworkId framework = in.optId("framework_id", FrameworkId::new);
    String type = in.str("type");
    Call call =
        switch (type) {
          case "SUBSCRIBE" -> {
            JsonIn s = in.obj("subscribe");
            yield new Call.Subscribe(
                TypesJson.framework(s.obj("framework_info")), s.strings("suppressed_roles"));
          }
          case "TEARDOWN" -> new Call.Teardown();
          case "ACCEPT" -> {
            JsonIn a = in.obj("accept");
            yield new Call.Accept(
                a.list("offer_ids", o -> new OfferId(o.str("value"))),
                a.list("operations", SchedulerJson::operation),
                TypesJson.filters(a.optObj("filters")));
          }
          case "DECLINE" -> {
            JsonIn d = in.obj("decline");
            yield new Call.Decline(
                d.list("offer_ids", o -> new OfferId(o.str("value"))),
                TypesJson.filters(d.optObj("filters")));
          }
          case "REVIVE" -> new Call.Revive(roles(in.optObj("revive")));
          case "SUPPRESS" -> new Call.Suppress(roles(in.optObj("suppress")));
          case "KILL" -> {
            JsonIn k = in.obj("kill");
            yield new Call.Kill(k.id("task_id", TaskId::new), k.optId("agent_id", AgentId::new));
          }
          case "SHUTDOWN" -> {
            JsonIn s = in.obj("shutdown");
            yield new Call.Shutdown(
                s.id("executor_id", ExecutorId::new), s.id("agent_id", AgentId::new));
          }
          case "ACKNOWLEDGE" -> {
            JsonIn a = in.obj("acknowledge");
            yield new Call.Acknowledge(
                a.id("agent_id", AgentId::new),
                a.id("task_id", TaskId::new),
                Bytes.fromBase64(a.str("uuid")));
          }
          case "RECONCILE" ->
              new Call.Reconcile(
                  in.obj("reconcile")
                      .list(
                          "tasks",
                          t ->
                              new Call.TaskRef(
                                  t.id("task_id", TaskId::new),
                                  t.optId("agent_id", AgentId::new))));
          case "MESSAGE" -> {
            JsonIn m = in.obj("message");
            yield new Call.Message(
                m.id("agent_id", AgentId::new),
                m.id("executor_id", ExecutorId::new),
                Bytes.fromBase64(m.str("data")));
          }
          default ->
              throw new MesosFormatException("type: call " + type + " is not supported by Shoal");
        };
    if (framework == null && !(call instanceof Call.Subscribe)) {
      throw new MesosFormatException("framework_id: missing — every call but SUBSCRIBE needs it");
    }
    return new MesosJson.SchedulerCall(framework, call);
  }

  private static List<String> roles(JsonIn in) {
    if (in == null) {
      return List.of();
    }
    List<String> roles = in.strings("roles");
    return roles.isEmpty() && in.has("role") ? List.of(in.str("role")) : roles;
  }

  private static JxValue idValue(Object id) {
    return new JsonOut().put("value", id.toString()).build();
  }

  private static JxObject operation(Call.Operation op) {
    return switch (op) {
      case Call.Launch(List<TaskInfo> tasks) ->
          new JsonOut()
              .put("type", "LAUNCH")
              .put("launch", new JsonOut().list("task_infos", tasks, TypesJson::task).build())
              .build();
    };
  }

  private static Call.Operation operation(JsonIn in) {
    String type = in.str("type");
    if (!type.equals("LAUNCH")) {
      throw new MesosFormatException(in.path() + ".type: operation " + type + " is not supported");
    }
    return new Call.Launch(in.obj("launch").list("task_infos", TypesJson::task));
  }

  static JxObject event(Event event) {
    JsonOut out = new JsonOut();
    return switch (event) {
      case Event.Subscribed(FrameworkId framework, double heartbeat) ->
          out.put("type", "SUBSCRIBED")
              .put(
                  "subscribed",
                  new JsonOut()
                      .id("framework_id", framework)
                      .put("heartbeat_interval_seconds", heartbeat)
                      .build())
              .build();
      case Event.Offers(List<Offer> offers) ->
          out.put("type", "OFFERS")
              .put("offers", new JsonOut().list("offers", offers, TypesJson::offer).build())
              .build();
      case Event.Rescind(OfferId offer) ->
          out.put("type", "RESCIND")
              .put("rescind", new JsonOut().id("offer_id", offer).build())
              .build();
      case Event.Update(TaskStatus status) ->
          out.put("type", "UPDATE")
              .put("update", new JsonOut().put("status", TypesJson.status(status)).build())
              .build();
      case Event.Message(AgentId agent, ExecutorId executor, Bytes data) ->
          out.put("type", "MESSAGE")
              .put(
                  "message",
                  new JsonOut()
                      .id("agent_id", agent)
                      .id("executor_id", executor)
                      .put("data", data)
                      .build())
              .build();
      case Event.Failure(AgentId agent, ExecutorId executor, Integer status) -> {
        JsonOut f = new JsonOut().id("agent_id", agent).id("executor_id", executor);
        if (status != null) {
          f.put("status", JxValue.of(status.longValue()));
        }
        yield out.put("type", "FAILURE").put("failure", f.build()).build();
      }
      case Event.Error(String message) ->
          out.put("type", "ERROR")
              .put("error", new JsonOut().put("message", message).build())
              .build();
      case Event.Heartbeat h -> out.put("type", "HEARTBEAT").build();
      case Event.Other(String type) -> out.put("type", type).build();
    };
  }

  static Event event(JsonIn in) {
    String type = in.str("type");
    return switch (type) {
      case "SUBSCRIBED" -> {
        JsonIn s = in.obj("subscribed");
        yield new Event.Subscribed(
            s.id("framework_id", FrameworkId::new), s.optDbl("heartbeat_interval_seconds", 15));
      }
      case "OFFERS" -> new Event.Offers(in.obj("offers").list("offers", TypesJson::offer));
      case "RESCIND" -> new Event.Rescind(in.obj("rescind").id("offer_id", OfferId::new));
      case "UPDATE" -> new Event.Update(TypesJson.status(in.obj("update").obj("status")));
      case "MESSAGE" -> {
        JsonIn m = in.obj("message");
        yield new Event.Message(
            m.id("agent_id", AgentId::new),
            m.id("executor_id", ExecutorId::new),
            Bytes.fromBase64(m.str("data")));
      }
      case "FAILURE" -> {
        JsonIn f = in.obj("failure");
        yield new Event.Failure(
            f.optId("agent_id", AgentId::new),
            f.optId("executor_id", ExecutorId::new),
            f.has("status") ? (int) f.dbl("status") : null);
      }
      case "ERROR" -> new Event.Error(in.obj("error").str("message"));
      case "HEARTBEAT" -> new Event.Heartbeat();
      default -> new Event.Other(type);
    };
  }
}
