package dev.shoal.monitor.cgroup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which cgroup hierarchy this process may create task groups in, found once at start.
 *
 * <p>Task groups are created under this process's own cgroup (from {@code /proc/self/cgroup}), so
 * they stay inside whatever limits the process itself runs under. Immutable and thread-safe; the
 * groups it creates are owned by their caller.
 */
public sealed interface Cgroups permits Cgroups.V1, Cgroups.V2, Cgroups.None {

  /**
   * Creates the task group {@code name} and returns it; {@link None} throws.
   *
   * @throws IOException if the group exists already or cannot be created
   */
  TaskCgroup create(String name) throws IOException;

  /** A short description for logs and {@code --help}: the hierarchy and its parent directories. */
  String describe();

  /** cgroups v1: one directory per controller (memory, cpuacct, pids) under which tasks go. */
  record V1(Path memory, Path cpuacct, Path pids) implements Cgroups {
    @Override
    public TaskCgroup create(String name) throws IOException {
      return V1Group.create(this, name);
    }

    @Override
    public String describe() {
      return "cgroup v1 under " + memory + ", " + cpuacct + ", " + pids;
    }
  }

  /** cgroups v2: one directory with the memory, cpu and pids controllers enabled for children. */
  record V2(Path parent) implements Cgroups {
    @Override
    public TaskCgroup create(String name) throws IOException {
      return V2Group.create(this, name);
    }

    @Override
    public String describe() {
      return "cgroup v2 under " + parent;
    }
  }

  /** No writable hierarchy: the monitor follows process trees through /proc only. */
  record None(String reason) implements Cgroups {
    @Override
    public TaskCgroup create(String name) throws IOException {
      throw new IOException("no writable cgroup hierarchy: " + reason);
    }

    @Override
    public String describe() {
      return "no cgroups (" + reason + ")";
    }
  }

  /** Detects the live system's hierarchy: {@link #detect(Path, String)} of /sys/fs/cgroup. */
  static Cgroups detect() {
    try {
      return detect(
          Path.of("/sys/fs/cgroup"),
          Files.readString(Path.of("/proc/self/cgroup"), StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return new None("cannot read /proc/self/cgroup: " + e.getMessage());
    }
  }

  /**
   * Prefers v1 when its memory, cpuacct and pids controllers are mounted and this process's groups
   * in them are writable; else v2 when the unified hierarchy's group of this process offers the
   * memory, cpu and pids controllers and is writable; else {@link None} with the reason.
   *
   * @param mount where cgroup file systems are mounted
   * @param procSelfCgroup the text of {@code /proc/self/cgroup}
   */
  static Cgroups detect(Path mount, String procSelfCgroup) {
    Path mem = v1Dir(mount, "memory", procSelfCgroup);
    Path cpu = v1Dir(mount, "cpuacct", procSelfCgroup);
    Path pids = v1Dir(mount, "pids", procSelfCgroup);
    if (mem != null && cpu != null && pids != null) {
      return new V1(mem, cpu, pids);
    }
    String own = CgroupFiles.ownPath(procSelfCgroup, "");
    for (Path root : List.of(mount, mount.resolve("unified"))) {
      if (own == null || !Files.exists(root.resolve("cgroup.controllers"))) {
        continue;
      }
      Path dir = root.resolve(own.substring(1));
      try {
        List<String> ctl =
            List.of(Files.readString(dir.resolve("cgroup.controllers")).trim().split("\\s+"));
        if (ctl.containsAll(List.of("memory", "cpu", "pids")) && Files.isWritable(dir)) {
          return new V2(dir);
        }
      } catch (IOException e) {
        return new None("cannot read " + dir.resolve("cgroup.controllers") + ": " + e);
      }
    }
    return new None(
        "neither v1 memory, cpuacct and pids nor v2 with memory, cpu and pids is writable under "
            + mount);
  }

  private static Path v1Dir(Path mount, String controller, String procSelfCgroup) {
    String own = CgroupFiles.ownPath(procSelfCgroup, controller);
    Path ctl = mount.resolve(controller);
    if (own == null || !Files.exists(ctl.resolve("cgroup.procs"))) {
      return null;
    }
    Path dir = own.equals("/") ? ctl : ctl.resolve(own.substring(1));
    return Files.isDirectory(dir) && Files.isWritable(dir) ? dir : null;
  }
}
