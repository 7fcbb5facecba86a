package dev.shoal.mesos;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages of {@code mesos/v1/mesos.proto} that calls and events share, in protobuf's JSON
 * mapping: snake_case names, enums by name, ids as {@code {"value":..}}, bytes as Base64.
 */
final class TypesJson {
  private TypesJson() {}

  static JxObject resource(Resource r) {
    JsonOut out =
        new JsonOut()
            .put("name", r.name())
            .put("type", "SCALAR")
            .put("scalar", new JsonOut().put("value", r.value()).build());
    // A MULTI_ROLE framework must hand back the allocation it was offered, "*" included; the
    // master fills it in itself for other frameworks, so it is always valid to send.
    out.put("allocation_info", new JsonOut().put("role", r.role()).build());
    return out.build();
  }

  /** The scalar resources of a list; ranges and sets (ports) are skipped. */
  static List<Resource> resources(JsonIn in, String field) {
    List<Resource> out = new ArrayList<>();
    for (Resource r : in.list(field, TypesJson::resourceOrNull)) {
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static Resource resourceOrNull(JsonIn in) {
    if (!"SCALAR".equals(in.str("type"))) {
      return null;
    }
    String role = Resource.ANY_ROLE;
    if (in.has("allocation_info") && in.obj("allocation_info").has("role")) {
      role = in.obj("allocation_info").str("role");
    } else if (in.has("role")) {
      role = in.str("role");
    }
    return new Resource(in.str("name"), in.obj("scalar").dbl("value"), role);
  }

  static JxObject filters(Filters f) {
    return new JsonOut().put("refuse_seconds", f.refuseSeconds()).build();
  }

  static Filters filters(JsonIn in) {
    return in == null ? Filters.DEFAULT : new Filters(in.optDbl("refuse_seconds", 5.0));
  }

  static JxObject command(CommandInfo c) {
    JsonOut env = new JsonOut();
    env.list(
        "variables",
        List.copyOf(c.environment().entrySet()),
        e -> new JsonOut().put("name", e.getKey()).put("value", e.getValue()).build());
    return new JsonOut()
        .list("uris", c.uris(), TypesJson::uri)
        .put("environment", c.environment().isEmpty() ? null : env.build())
        .put("shell", c.shell())
        .put("value", c.value())
        .strings("arguments", c.arguments())
        .put("user", c.user())
        .build();
  }

  static CommandInfo command(JsonIn in) {
    Map<String, String> env = new LinkedHashMap<>();
    if (in.has("environment")) {
      for (String[] kv :
          in.obj("environment")
              .list("variables", v -> new String[] {v.str("name"), v.optStr("value")})) {
        env.put(kv[0], kv[1] == null ? "" : kv[1]);
      }
    }
    return new CommandInfo(
        in.optStr("value"),
        in.bool("shell", true),
        in.strings("arguments"),
        in.list("uris", TypesJson::uri),
        env,
        in.optStr("user"));
  }

  private static JxObject uri(CommandInfo.Uri u) {
    return new JsonOut()
        .put("value", u.value())
        .put("executable", u.executable())
        .put("extract", u.extract())
        .put("cache", u.cache())
        .put("output_file", u.outputFile())
        .build();
  }

  private static CommandInfo.Uri uri(JsonIn in) {
    return new CommandInfo.Uri(
        in.str("value"),
        in.bool("executable", false),
        in.bool("extract", true),
        in.bool("cache", false),
        in.optStr("output_file"));
  }

  static JxObject container(ContainerInfo c) {
    return switch (c) {
      case ContainerInfo.Mesos(String image, List<ContainerInfo.Volume> volumes) ->
          new JsonOut()
              .put("type", "MESOS")
              .list("volumes", volumes, TypesJson::volume)
              .put(
                  "mesos",
                  new JsonOut()
                      .put(
                          "image",
                          new JsonOut()
                              .put("type", "DOCKER")
                              .put("docker", new JsonOut().put("name", image).build())
                              .build())
                      .build())
              .build();
      case ContainerInfo.Docker(
              String image,
              ContainerInfo.Network network,
              boolean pull,
              List<ContainerInfo.Volume> volumes) ->
          new JsonOut()
              .put("type", "DOCKER")
              .list("volumes", volumes, TypesJson::volume)
              .put(
                  "docker",
                  new JsonOut()
                      .put("image", image)
                      .put("network", network)
                      .put("force_pull_image", pull)
                      .build())
              .build();
    };
  }

  static ContainerInfo container(JsonIn in) {
    List<ContainerInfo.Volume> volumes = in.list("volumes", TypesJson::volume);
    return switch (in.str("type")) {
      case "MESOS" ->
          new ContainerInfo.Mesos(in.obj("mesos").obj("image").obj("docker").str("name"), volumes);
      case "DOCKER" -> {
        JsonIn d = in.obj("docker");
        ContainerInfo.Network network = d.optEnum("network", ContainerInfo.Network.class);
        yield new ContainerInfo.Docker(
            d.str("image"),
            network == null ? ContainerInfo.Network.HOST : network,
            d.bool("force_pull_image", false),
            volumes);
      }
      default ->
          throw new MesosFormatException(
              in.path() + ".type: unknown container type " + in.str("type"));
    };
  }

  private static JxValue volume(ContainerInfo.Volume v) {
    return new JsonOut()
        .put("container_path", v.containerPath())
        .put("host_path", v.hostPath())
        .put("mode", v.mode())
        .build();
  }

  private static ContainerInfo.Volume volume(JsonIn in) {
    return new ContainerInfo.Volume(
        in.str("container_path"),
        in.optStr("host_path"),
        in.enumOf("mode", ContainerInfo.Volume.Mode.class));
  }

  static JxObject executor(ExecutorInfo e) {
    return new JsonOut()
        .put("type", "CUSTOM")
        .id("executor_id", e.executorId())
        .id("framework_id", e.frameworkId())
        .put("command", e.command() == null ? null : command(e.command()))
        .put("container", e.container() == null ? null : container(e.container()))
        .list("resources", e.resources(), TypesJson::resource)
        .put("name", e.name())
        .build();
  }

  static ExecutorInfo executor(JsonIn in) {
    JsonIn command = in.optObj("command");
    JsonIn container = in.optObj("container");
    return new ExecutorInfo(
        in.id("executor_id", ExecutorId::new),
        in.optId("framework_id", FrameworkId::new),
        in.optStr("name"),
        command == null ? null : command(command),
        resources(in, "resources"),
        container == null ? null : container(container));
  }

  static JxObject task(TaskInfo t) {
    return new JsonOut()
        .put("name", t.name())
        .id("task_id", t.taskId())
        .id("agent_id", t.agentId())
        .list("resources", t.resources(), TypesJson::resource)
        .put("executor", t.executor() == null ? null : executor(t.executor()))
        .put("command", t.command() == null ? null : command(t.command()))
        .put("container", t.container() == null ? null : container(t.container()))
        .put("data", t.data())
        .build();
  }

  static TaskInfo task(JsonIn in) {
    JsonIn command = in.optObj("command");
    JsonIn executor = in.optObj("executor");
    JsonIn container = in.optObj("container");
    return new TaskInfo(
        in.str("name"),
        in.id("task_id", TaskId::new),
        in.id("agent_id", AgentId::new),
        resources(in, "resources"),
        command == null ? null : command(command),
        executor == null ? null : executor(executor),
        container == null ? null : container(container),
        in.optBytes("data"));
  }

  static JxObject framework(FrameworkInfo f) {
    return new JsonOut()
        .put("user", f.user())
        .put("name", f.name())
        .id("id", f.id())
        .put("failover_timeout", f.failoverTimeoutSeconds())
        .put("checkpoint", f.checkpoint())
        .strings("roles", f.roles())
        .put("hostname", f.hostname())
        .list("capabilities", f.capabilities(), c -> new JsonOut().put("type", c).build())
        .build();
  }

  static FrameworkInfo framework(JsonIn in) {
    List<String> roles = new ArrayList<>(in.strings("roles"));
    if (roles.isEmpty() && in.has("role")) {
      roles.add(in.str("role"));
    }
    return new FrameworkInfo(
        in.str("user"),
        in.str("name"),
        in.optId("id", FrameworkId::new),
        roles,
        in.optDbl("failover_timeout", 0),
        in.bool("checkpoint", false),
        in.optStr("hostname"),
        in.list("capabilities", c -> c.str("type")));
  }

  static JxObject offer(Offer o) {
    return new JsonOut()
        .id("id", o.id())
        .id("framework_id", o.frameworkId())
        .id("agent_id", o.agentId())
        .put("hostname", o.hostname())
        .list("resources", o.resources(), TypesJson::resource)
        .list("executor_ids", o.executorIds(), e -> new JsonOut().put("value", e.value()).build())
        .build();
  }

  static Offer offer(JsonIn in) {
    return new Offer(
        in.id("id", OfferId::new),
        in.id("framework_id", FrameworkId::new),
        in.id("agent_id", AgentId::new),
        in.str("hostname"),
        resources(in, "resources"),
        in.list("executor_ids", e -> new ExecutorId(e.str("value"))));
  }

  static JxObject status(TaskStatus s) {
    return new JsonOut()
        .id("task_id", s.taskId())
        .put("state", s.state())
        .put("message", s.message())
        .put("source", s.source())
        .put("reason", s.reason())
        .put("data", s.data())
        .id("agent_id", s.agentId())
        .id("executor_id", s.executorId())
        .put("timestamp", s.timestamp())
        .put("uuid", s.uuid())
        .build();
  }

  static TaskStatus status(JsonIn in) {
    return new TaskStatus(
        in.id("task_id", TaskId::new),
        in.enumOf("state", TaskState.class),
        in.optEnum("source", TaskStatus.Source.class),
        in.optEnum("reason", TaskStatus.Reason.class),
        in.optStr("message"),
        in.optId("agent_id", AgentId::new),
        in.optId("executor_id", ExecutorId::new),
        in.optBytes("uuid"),
        in.optBytes("data"),
        in.optDbl("timestamp", Double.NaN));
  }
}
