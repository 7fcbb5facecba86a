package dev.shoal.monitor.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A task group in the v2 unified hierarchy: one directory. */
final class V2Group implements TaskCgroup {
  private final String name;
  private final Path dir;

  private V2Group(String name, Path dir) {
    this.name = name;
    this.dir = dir;
  }

  static V2Group create(Cgroups.V2 h, String name) throws IOException {
    Path control = h.parent().resolve("cgroup.subtree_control");
    String enabled = GroupDirs.read(control);
    if (!List.of(enabled.trim().split("\\s+")).containsAll(List.of("memory", "cpu", "pids"))) {
      try {
        GroupDirs.write(control, "+memory +cpu +pids");
      } catch (IOException e) {
        throw new IOException(
            "cannot enable memory, cpu and pids for children of "
                + h.parent()
                + " (a v2 group holding processes cannot): run the monitor in a group of its own",
            e);
      }
    }
    V2Group g = new V2Group(name, h.parent().resolve(name));
    GroupDirs.mkdir(g.dir);
    return g;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String joinSnippet() {
    return "echo 0 > " + GroupDirs.quote(dir.resolve("cgroup.procs")) + "; ";
  }

  @Override
  public List<Long> procs() throws IOException {
    return CgroupFiles.procs(GroupDirs.read(dir.resolve("cgroup.procs")));
  }

  @Override
  public CgroupUsage usage() throws IOException {
    var stat = CgroupFiles.keyed(GroupDirs.read(dir.resolve("memory.stat")), "memory.stat");
    return new CgroupUsage(
        stat.getOrDefault("anon", 0L) + stat.getOrDefault("file_mapped", 0L),
        GroupDirs.readLongOr(dir.resolve("memory.peak"), 0),
        GroupDirs.readLongOr(dir.resolve("memory.swap.current"), 0),
        CgroupFiles.cpuStatUsageNanos(GroupDirs.read(dir.resolve("cpu.stat"))),
        GroupDirs.readLong(dir.resolve("pids.current")),
        GroupDirs.keyedOr(dir.resolve("pids.events"), "max", 0),
        GroupDirs.keyedOr(dir.resolve("memory.events"), "oom_kill", 0));
  }

  @Override
  public void limitMemory(long bytes) throws IOException {
    GroupDirs.write(dir.resolve("memory.max"), Long.toString(bytes));
  }

  @Override
  public void limitTasks(long tasks) throws IOException {
    GroupDirs.write(dir.resolve("pids.max"), Long.toString(tasks));
  }

  @Override
  public void clearLimits() throws IOException {
    GroupDirs.write(dir.resolve("memory.max"), "max");
    GroupDirs.write(dir.resolve("pids.max"), "max");
  }

  @Override
  public List<Long> killAll(int rounds) throws IOException {
    Path kill = dir.resolve("cgroup.kill");
    if (Files.exists(kill)) {
      GroupDirs.write(kill, "1");
    }
    return TaskCgroup.super.killAll(rounds);
  }

  @Override
  public void remove() throws IOException {
    GroupDirs.rmdir(dir);
  }

  @Override
  public String toString() {
    return "cgroup v2 " + name;
  }
}
