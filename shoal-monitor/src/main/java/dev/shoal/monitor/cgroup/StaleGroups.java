package dev.shoal.monitor.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * Removes task groups left by a process that died without cleaning up (killed with SIGKILL): groups
 * named {@code <prefix><pid>-…} whose owner pid no longer runs. Their processes are killed first.
 */
public final class StaleGroups {
  private StaleGroups() {}

  /**
   * Sweeps {@code cgroups}.
   *
   * @param prefix the name prefix of the owner's groups, followed by its pid and a dash
   * @param alive whether a pid still runs
   * @return the group directories removed
   */
  public static List<Path> sweep(Cgroups cgroups, String prefix, LongPredicate alive)
      throws IOException {
    List<Path> parents =
        switch (cgroups) {
          case Cgroups.V1 v1 -> List.of(v1.pids(), v1.cpuacct(), v1.memory());
          case Cgroups.V2 v2 -> List.of(v2.parent());
          case Cgroups.None none -> List.of();
        };
    List<Path> removed = new ArrayList<>();
    for (Path parent : parents) {
      List<Path> children;
      try (Stream<Path> s = Files.list(parent)) {
        children = s.filter(p -> stale(p.getFileName().toString(), prefix, alive)).toList();
      }
      for (Path dir : children) {
        for (long pid : CgroupFiles.procs(GroupDirs.read(dir.resolve("cgroup.procs")))) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        GroupDirs.rmdir(dir);
        removed.add(dir);
      }
    }
    return removed;
  }

  static boolean stale(String name, String prefix, LongPredicate alive) {
    if (!name.startsWith(prefix)) {
      return false;
    }
    int dash = name.indexOf('-', prefix.length());
    if (dash <= prefix.length()) {
      return false;
    }
    try {
      return !alive.test(Long.parseLong(name.substring(prefix.length(), dash)));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
