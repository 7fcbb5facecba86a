package dev.shoal.worker.launch;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the launcher tells the engine about one attempt, PUT to the spec's report URL after the
 * outputs: {@code {"outcome":"EXITED","exit":0,"signal":0,"message":"...","summary":"<json>"}}. Its
 * absence means the launcher could not reach the engine, which the back end treats as a failure of
 * the cluster, not of the command.
 *
 * @param summary the resource monitor's summary JSON, or {@code ""} when the command did not run
 * @param message a human-readable reason (and the tail of the command's output) or {@code ""}
 */
public record LaunchReport(Outcome outcome, int exit, int signal, String message, String summary) {

  /** How the attempt ended, as the launcher saw it. */
  public enum Outcome {
    /** The command ran and exited with {@code exit}; its outputs were uploaded if it was 0. */
    EXITED,
    /** The command was ended by {@code signal}. */
    SIGNALED,
    /** The monitor stopped the command at a limit. */
    RESOURCE_EXHAUSTED,
    /** An input could not be downloaded: the command did not run. */
    INPUT_FAILED,
    /** The command succeeded but an output is missing or could not be uploaded. */
    OUTPUT_FAILED
  }

  public String toJson() {
    return Json.write(toJx());
  }

  /** The report as a JSON value, for {@link BundleReports} to hold several. */
  JxObject toJx() {
    Map<String, JxValue> m = new LinkedHashMap<>();
    m.put("outcome", new JxString(outcome.name()));
    m.put("exit", new JxInteger(exit));
    m.put("signal", new JxInteger(signal));
    m.put("message", new JxString(message));
    m.put("summary", new JxString(summary));
    return new JxObject(m);
  }

  /**
   * @throws IllegalArgumentException when {@code json} is not a report
   */
  public static LaunchReport parse(String json) {
    try {
      return fromJx(Json.parse(json, "report"));
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException("task report is not JSON: " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException when {@code v} is not a report
   */
  static LaunchReport fromJx(JxValue v) {
    if (v instanceof JxObject o
        && o.get("outcome") instanceof JxString outcome
        && o.get("exit") instanceof JxInteger exit
        && o.get("signal") instanceof JxInteger signal
        && o.get("message") instanceof JxString message
        && o.get("summary") instanceof JxString summary) {
      return new LaunchReport(
          Outcome.valueOf(outcome.value()),
          (int) exit.value(),
          (int) signal.value(),
          message.value(),
          summary.value());
    }
    throw new IllegalArgumentException(
        "task report lacks outcome, exit, signal, message or summary");
  }
}
