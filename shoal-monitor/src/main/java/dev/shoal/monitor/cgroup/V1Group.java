package dev.shoal.monitor.cgroup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A task group in the v1 memory, cpuacct and pids hierarchies: one directory in each. */
final class V1Group implements TaskCgroup {
  private final String name;
  private final Path memory;
  private final Path cpuacct;
  private final Path pids;
  private final boolean lean;

  private V1Group(String name, Path memory, Path cpuacct, Path pids, boolean lean) {
    this.name = name;
    this.memory = memory;
    this.cpuacct = cpuacct;
    this.pids = pids;
    this.lean = lean;
  }

  @Override
  public TaskCgroup lean() {
    return lean ? this : new V1Group(name, memory, cpuacct, pids, true);
  }

  static V1Group create(Cgroups.V1 h, String name) throws IOException {
    V1Group g =
        new V1Group(
            name,
            h.memory().resolve(name),
            h.cpuacct().resolve(name),
            h.pids().resolve(name),
            false);
    GroupDirs.mkdir(g.memory);
    try {
      GroupDirs.mkdir(g.cpuacct);
      GroupDirs.mkdir(g.pids);
    } catch (IOException e) {
      try {
        g.remove();
      } catch (IOException inner) {
        e.addSuppressed(inner);
      }
      throw e;
    }
    return g;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String joinSnippet() {
    StringBuilder sb = new StringBuilder();
    for (Path d : lean ? List.of(cpuacct) : List.of(memory, cpuacct, pids)) {
      sb.append("echo 0 > ").append(GroupDirs.quote(d.resolve("cgroup.procs"))).append("; ");
    }
    return sb.toString();
  }

  @Override
  public List<Long> procs() throws IOException {
    // The pids hierarchy is joined last, so it lists only processes also in the other two.
    Path dir = lean ? cpuacct : pids;
    return CgroupFiles.procs(GroupDirs.read(dir.resolve("cgroup.procs")));
  }

  @Override
  public CgroupUsage usage() throws IOException {
    if (lean) {
      return counters();
    }
    var stat = CgroupFiles.keyed(GroupDirs.read(memory.resolve("memory.stat")), "memory.stat");
    return new CgroupUsage(
        stat.getOrDefault("total_rss", 0L) + stat.getOrDefault("total_mapped_file", 0L),
        GroupDirs.readLong(memory.resolve("memory.max_usage_in_bytes")),
        stat.getOrDefault("total_swap", 0L),
        GroupDirs.readLong(cpuacct.resolve("cpuacct.usage")),
        GroupDirs.readLong(pids.resolve("pids.current")),
        GroupDirs.keyedOr(pids.resolve("pids.events"), "max", 0),
        GroupDirs.keyedOr(memory.resolve("memory.oom_control"), "oom_kill", 0));
  }

  @Override
  public CgroupUsage counters() throws IOException {
    if (lean) {
      return new CgroupUsage(
          0, 0, 0, GroupDirs.readLong(cpuacct.resolve("cpuacct.usage")), 0, 0, 0);
    }
    return new CgroupUsage(
        0,
        0,
        0,
        GroupDirs.readLong(cpuacct.resolve("cpuacct.usage")),
        0,
        GroupDirs.keyedOr(pids.resolve("pids.events"), "max", 0),
        GroupDirs.keyedOr(memory.resolve("memory.oom_control"), "oom_kill", 0));
  }

  @Override
  public void limitMemory(long bytes) throws IOException {
    GroupDirs.write(memory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
  }

  @Override
  public void limitTasks(long tasks) throws IOException {
    GroupDirs.write(pids.resolve("pids.max"), Long.toString(tasks));
  }

  @Override
  public void clearLimits() throws IOException {
    GroupDirs.write(memory.resolve("memory.limit_in_bytes"), "-1");
    GroupDirs.write(pids.resolve("pids.max"), "max");
  }

  @Override
  public void remove() throws IOException {
    IOException first = null;
    for (Path d : List.of(pids, cpuacct, memory)) {
      try {
        GroupDirs.rmdir(d);
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "cgroup v1 " + name;
  }
}
