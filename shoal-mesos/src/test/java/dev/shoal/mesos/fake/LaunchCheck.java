package dev.shoal.mesos.fake;

import dev.shoal.mesos.Resource;
import dev.shoal.mesos.TaskInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Why the master refuses a task of an ACCEPT (TASK_ERROR, REASON_TASK_INVALID), if it does. */
final class LaunchCheck {
  private LaunchCheck() {}

  /**
   * @param duplicate a task of that id is known
   * @param left what the offers still hold after the tasks before this one
   * @param roles the role each resource name was offered to
   * @param executorResources what a custom executor that must be started for {@code t} takes (empty
   *     when it runs already, or for a command task)
   * @return {@code null}, or the master's reason
   */
  static String problem(
      TaskInfo t,
      boolean duplicate,
      FakeAgent agent,
      Map<String, Double> left,
      Map<String, String> roles,
      List<Resource> executorResources) {
    if (duplicate) {
      return "Task has duplicate ID: " + t.taskId();
    }
    if (!t.agentId().equals(agent.id)) {
      return "Task uses agent " + t.agentId() + " but the offers are for " + agent.id;
    }
    List<Resource> all = new ArrayList<>(t.resources());
    all.addAll(executorResources);
    for (Resource r : all) {
      if (!r.role().equals(roles.getOrDefault(r.name(), r.role()))) {
        return "Resource "
            + r.name()
            + " is allocated to role "
            + roles.get(r.name())
            + ", not "
            + r.role();
      }
    }
    if (!FakeAgent.fits(OfferBook.toMap(all), left)) {
      return "Task (with its executor, if it starts one) uses more resources "
          + OfferBook.toMap(all)
          + " than available "
          + left;
    }
    return null;
  }
}
