package dev.shoal.mesos;

import java.util.List;

/**
 * A v1 scheduler call, POSTed to {@code /api/v1/scheduler}. Every call but {@link Subscribe} is
 * sent with the framework id (see {@link MesosJson#encodeCall}) and the {@code Mesos-Stream-Id} of
 * the current subscription.
 */
public sealed interface Call {

  /** Opens the event stream; {@code framework.id()} is set when failing over. */
  record Subscribe(FrameworkInfo framework, List<String> suppressedRoles) implements Call {
    public Subscribe {
      suppressedRoles = List.copyOf(suppressedRoles);
    }
  }

  /** Ends the framework: the master kills all its tasks and forgets it. */
  record Teardown() implements Call {}

  /**
   * Uses offers of one agent. Resources of the offers left unused are filtered for {@code
   * filters.refuseSeconds()}.
   */
  record Accept(List<OfferId> offerIds, List<Operation> operations, Filters filters)
      implements Call {
    public Accept {
      offerIds = List.copyOf(offerIds);
      operations = List.copyOf(operations);
    }
  }

  /** Gives offers back; the master does not offer those resources again for a while. */
  record Decline(List<OfferId> offerIds, Filters filters) implements Call {
    public Decline {
      offerIds = List.copyOf(offerIds);
    }
  }

  /** Removes all filters and ends suppression; an empty list means every role. */
  record Revive(List<String> roles) implements Call {
    public Revive {
      roles = List.copyOf(roles);
    }
  }

  /** Stops offers until REVIVE; an empty list means every role. */
  record Suppress(List<String> roles) implements Call {
    public Suppress {
      roles = List.copyOf(roles);
    }
  }

  /** Kills a task; {@code agentId} may be {@code null}. */
  record Kill(TaskId taskId, AgentId agentId) implements Call {}

  /** Shuts a custom executor down (and its tasks). */
  record Shutdown(ExecutorId executorId, AgentId agentId) implements Call {}

  /** Acknowledges the status update with {@code uuid}; only updates that carry one. */
  record Acknowledge(AgentId agentId, TaskId taskId, Bytes uuid) implements Call {}

  /** Asks for the latest state of the given tasks, or of all tasks when the list is empty. */
  record Reconcile(List<TaskRef> tasks) implements Call {
    public Reconcile {
      tasks = List.copyOf(tasks);
    }
  }

  /** Sends bytes to a custom executor (unreliable). */
  record Message(AgentId agentId, ExecutorId executorId, Bytes data) implements Call {}

  /** A task named for explicit reconciliation; {@code agentId} may be {@code null}. */
  record TaskRef(TaskId taskId, AgentId agentId) {}

  /** An operation of ACCEPT. Only LAUNCH is modelled. */
  sealed interface Operation {}

  /** Launches tasks on the offers' agent. */
  record Launch(List<TaskInfo> tasks) implements Operation {
    public Launch {
      tasks = List.copyOf(tasks);
    }
  }
}
