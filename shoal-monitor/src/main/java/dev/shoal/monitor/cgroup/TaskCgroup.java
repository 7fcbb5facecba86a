package dev.shoal.monitor.cgroup;

import java.io.IOException;
import java.util.List;

/**
 * The cgroup(s) of one task. Created empty; the task's shell joins them by running {@link
 * #joinSnippet()} before its command, so every descendant is accounted from its first instruction.
 *
 * <p>Threading: reads may run on any thread; {@link #remove()} must come after the last read.
 */
public sealed interface TaskCgroup permits V1Group, V2Group {
  /** The group's name (its directory name in each hierarchy). */
  String name();

  /**
   * Shell text that moves the process running it into this group ({@code echo 0 >
   * .../cgroup.procs;} for each hierarchy), ending with a space.
   */
  String joinSnippet();

  /** The processes now in the group. */
  List<Long> procs() throws IOException;

  /** The kernel's accounting of the group now. */
  CgroupUsage usage() throws IOException;

  /** Sets the kernel's memory limit (a backstop: the monitor kills at its own limit first). */
  void limitMemory(long bytes) throws IOException;

  /** Sets the kernel's limit of threads in the group ({@code pids.max}): forks past it fail. */
  void limitTasks(long tasks) throws IOException;

  /**
   * The cumulative counters only — CPU time, refused forks, OOM kills — without the memory
   * statistics: enough once the group's processes are gone, and much cheaper to read.
   */
  default CgroupUsage counters() throws IOException {
    return usage();
  }

  /**
   * A view of this group that tasks join only for CPU accounting (v1: the cpuacct hierarchy alone):
   * joining a v1 hierarchy costs the kernel a migration, so tasks with no memory or process limit
   * skip the memory and pids ones, whose figures the /proc samples give anyway. Same name and
   * directories; v2 has one hierarchy and returns itself.
   */
  default TaskCgroup lean() {
    return this;
  }

  /** Lifts the memory and thread limits, for the next task of a reused group. */
  void clearLimits() throws IOException;

  /**
   * Sends SIGKILL to every process of the group, again until none is left (a process may fork while
   * the list is read) or {@code rounds} passes are done.
   *
   * @return the processes still listed after the last pass (zombies awaiting their parent count)
   */
  default List<Long> killAll(int rounds) throws IOException {
    List<Long> left = procs();
    for (int i = 0; i < rounds && !left.isEmpty(); i++) {
      for (long pid : left) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      }
      left = procs();
    }
    return left;
  }

  /**
   * Removes the group's directories. Waits up to about two seconds for exited processes to leave.
   *
   * @throws IOException naming the processes still in the group when it cannot be removed
   */
  void remove() throws IOException;
}
