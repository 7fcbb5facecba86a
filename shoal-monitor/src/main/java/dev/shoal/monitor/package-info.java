/**
 * Measuring what a task uses: its whole process tree, sampled from {@code /proc} and, where a
 * writable cgroup hierarchy exists, accounted by the kernel; limits enforced by killing the tree;
 * summaries in the format of cctools' resource_monitor.
 */
package dev.shoal.monitor;
