package dev.shoal.worker.launch;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several short rules sent to the {@link ShoalExecutor} as one Mesos task (a "bundle"), in the
 * task's {@code data}: {@code {"bundle": [<LaunchSpec>, ...]}}. The executor runs the members one
 * after another, in order, each as its own {@link LaunchRun} (its own inputs, outputs, monitor and
 * report), and reports each member's {@link LaunchReport} in {@link BundleReports} as it finishes.
 * A member is named by its index in {@code members}.
 */
public record LaunchBundle(List<LaunchSpec> members) {
  public LaunchBundle {
    members = List.copyOf(members);
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a bundle needs at least one member");
    }
  }

  public String toJson() {
    List<JxValue> specs = new ArrayList<>(members.size());
    members.forEach(m -> specs.add(m.toJx()));
    return Json.write(new JxObject(Map.of("bundle", new JxArray(specs))));
  }

  /**
   * What a Shoal executor task's {@code data} holds: a {@link LaunchBundle} or a single {@link
   * LaunchSpec} (a bundle of one, not marked as a bundle).
   *
   * @throws IllegalArgumentException naming the field when the text is neither
   */
  static Object parseTaskData(String json) {
    JxValue v;
    try {
      v = Json.parse(json, "task data");
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (v instanceof JxObject o && o.get("bundle") != null) {
      if (!(o.get("bundle") instanceof JxArray a) || a.size() == 0) {
        throw new IllegalArgumentException("bundle: expected a non-empty array");
      }
      List<LaunchSpec> specs = new ArrayList<>(a.size());
      for (int i = 0; i < a.size(); i++) {
        try {
          specs.add(LaunchSpec.fromJx(a.get(i), "member"));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("bundle[" + i + "]: " + e.getMessage(), e);
        }
      }
      return new LaunchBundle(specs);
    }
    return LaunchSpec.fromJx(v, "the spec");
  }

  /** Parses what {@link #toJson} wrote. */
  public static LaunchBundle parse(String json) {
    if (parseTaskData(json) instanceof LaunchBundle b) {
      return b;
    }
    throw new IllegalArgumentException("not a bundle: the field \"bundle\" is missing");
  }
}
