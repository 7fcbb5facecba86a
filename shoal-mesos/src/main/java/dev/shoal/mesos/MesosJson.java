package dev.shoal.mesos;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.nio.charset.StandardCharsets;

/**
 * The one codec between the typed calls and events and Mesos' JSON (protobuf's JSON mapping of
 * {@code mesos/v1/scheduler/scheduler.proto} and {@code mesos/v1/executor/executor.proto}).
 * Encoding never fails; decoding throws {@link MesosFormatException} naming the field. Stateless
 * and thread-safe.
 */
public final class MesosJson {
  private MesosJson() {}

  /** A decoded scheduler call and the framework that sent it ({@code null} for SUBSCRIBE). */
  public record SchedulerCall(FrameworkId frameworkId, Call call) {}

  /** A decoded executor call and its sender. */
  public record FromExecutor(FrameworkId frameworkId, ExecutorId executorId, ExecutorCall call) {}

  /** The JSON of {@code call}; {@code frameworkId} may be {@code null} only for SUBSCRIBE. */
  public static String encodeCall(FrameworkId frameworkId, Call call) {
    return Json.write(SchedulerJson.call(frameworkId, call));
  }

  public static SchedulerCall decodeCall(byte[] json) {
    return SchedulerJson.call(parse(json));
  }

  public static String encodeEvent(Event event) {
    return Json.write(SchedulerJson.event(event));
  }

  public static Event decodeEvent(byte[] json) {
    return SchedulerJson.event(parse(json));
  }

  public static String encodeExecutorCall(
      FrameworkId frameworkId, ExecutorId executorId, ExecutorCall call) {
    return Json.write(ExecutorJson.call(frameworkId, executorId, call));
  }

  public static FromExecutor decodeExecutorCall(byte[] json) {
    return ExecutorJson.call(parse(json));
  }

  public static String encodeExecutorEvent(ExecutorEvent event) {
    return Json.write(ExecutorJson.event(event));
  }

  public static ExecutorEvent decodeExecutorEvent(byte[] json) {
    return ExecutorJson.event(parse(json));
  }

  /** The JSON of one TaskInfo, e.g. for a task's {@code data} or a log. */
  public static String encodeTask(TaskInfo task) {
    return Json.write(TypesJson.task(task));
  }

  static JsonIn parse(byte[] json) {
    JxValue value;
    try {
      value = Json.parse(new String(json, StandardCharsets.UTF_8), "mesos");
    } catch (JxSyntaxException e) {
      throw new MesosFormatException("not JSON: " + e.getMessage());
    }
    if (!(value instanceof JxObject)) {
      throw new MesosFormatException("expected a JSON object, found " + value.typeName());
    }
    return new JsonIn(value, "");
  }
}
