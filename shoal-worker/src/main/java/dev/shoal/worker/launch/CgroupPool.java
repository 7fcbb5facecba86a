package dev.shoal.worker.launch;

import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.cgroup.TaskCgroup;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link ShoalExecutor}'s task cgroups, kept for the next task instead of created and removed
 * for each one: a cgroup's mkdir and rmdir cost the kernel more than a short task does (measured:
 * about a sixth of the executor's CPU on SHRIMP maps). A task takes a free group or a new one (so
 * there are as many as tasks ever ran at once) and gives it back once its monitor finished or
 * abandoned it, that is once nothing of it runs there any more ({@link TaskMonitor#prepare(String,
 * dev.shoal.monitor.TaskConfig, TaskCgroup)} charges the next task only what it uses).
 *
 * <p>Thread-safe. {@link #close} removes every group, also those not given back.
 */
final class CgroupPool implements AutoCloseable {
  private final TaskMonitor monitor;
  private final String prefix;
  private final ArrayDeque<TaskCgroup> free = new ArrayDeque<>();
  private final List<TaskCgroup> all = new ArrayList<>();

  /**
   * @param prefix names the groups {@code <prefix><n>}, unique on the machine
   */
  CgroupPool(TaskMonitor monitor, String prefix) {
    this.monitor = monitor;
    this.prefix = prefix;
  }

  /**
   * A group no running task uses, or {@code null} when the monitor has no writable cgroup hierarchy
   * (tasks are then followed through /proc).
   */
  synchronized TaskCgroup take() throws IOException {
    TaskCgroup g = free.pollFirst();
    if (g != null) {
      return g;
    }
    g = monitor.group(prefix + all.size());
    if (g != null) {
      all.add(g);
    }
    return g;
  }

  /** Gives back a group of {@link #take} whose task was finished or abandoned by its monitor. */
  synchronized void give(TaskCgroup g) {
    if (g != null) {
      free.addFirst(g); // the most recently used first: its pages are warm
    }
  }

  @Override
  public synchronized void close() {
    for (TaskCgroup g : all) {
      try {
        monitor.removeGroup(g);
      } catch (IOException e) {
        System.err.println("shoal executor: cannot remove cgroup " + g.name() + ": " + e);
      }
    }
    all.clear();
    free.clear();
  }
}
