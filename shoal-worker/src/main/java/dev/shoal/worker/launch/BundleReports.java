package dev.shoal.worker.launch;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reports of some members of a {@link LaunchBundle}, by member index, as the {@code data} of
 * one status update of the bundle's Mesos task: {@code {"members": [{"member": 0, "report":
 * <LaunchReport>}, ...]}}. The executor sends each member's report in exactly one update (a
 * coalesced TASK_RUNNING while the bundle runs, or its terminal update); the scheduler acts on a
 * member once even if its report came twice.
 */
public record BundleReports(Map<Integer, LaunchReport> reports) {
  public BundleReports {
    reports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(reports));
  }

  public String toJson() {
    List<JxValue> items = new ArrayList<>(reports.size());
    reports.forEach(
        (i, r) -> {
          Map<String, JxValue> m = new LinkedHashMap<>();
          m.put("member", new JxInteger(i));
          m.put("report", r.toJx());
          items.add(new JxObject(m));
        });
    return Json.write(new JxObject(Map.of("members", new JxArray(items))));
  }

  /**
   * @throws IllegalArgumentException naming the field when {@code json} is not bundle reports
   */
  public static BundleReports parse(String json) {
    JxValue v;
    try {
      v = Json.parse(json, "bundle reports");
    } catch (JxSyntaxException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    if (!(v instanceof JxObject o) || !(o.get("members") instanceof JxArray a)) {
      throw new IllegalArgumentException("bundle reports: expected {\"members\": [...]}");
    }
    Map<Integer, LaunchReport> out = new LinkedHashMap<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof JxObject m) || !(m.get("member") instanceof JxInteger n)) {
        throw new IllegalArgumentException("members[" + i + "]: expected {\"member\": N, ...}");
      }
      out.put((int) n.value(), LaunchReport.fromJx(m.get("report")));
    }
    return new BundleReports(out);
  }
}
