package dev.shoal.monitor.cgroup;

/**
 * What the kernel accounted to one task cgroup at one moment. Memory in bytes, CPU in nanoseconds.
 *
 * @param memoryBytes resident anonymous and mapped-file memory of the group (v1 {@code total_rss +
 *     total_mapped_file}, v2 {@code anon + file_mapped}): comparable to a sum of RSS, without page
 *     cache the kernel can drop
 * @param chargedPeakBytes the kernel's high-water mark of the whole charge, page cache included (v1
 *     {@code memory.max_usage_in_bytes}, v2 {@code memory.peak}; 0 when the kernel has none)
 * @param swapBytes swap used by the group
 * @param cpuNanos CPU time of every process that ever ran in the group, exited ones included
 * @param tasks threads in the group ({@code pids.current})
 * @param forkRefusals times a fork failed on {@code pids.max}
 * @param oomKills processes the kernel killed on the memory limit
 */
public record CgroupUsage(
    long memoryBytes,
    long chargedPeakBytes,
    long swapBytes,
    long cpuNanos,
    long tasks,
    long forkRefusals,
    long oomKills) {}
