package dev.shoal.monitor;

/**
 * One observation of a task's tree: a line of the {@code .series} file. Instantaneous values
 * (memory, processes, disk) are as of {@code timeMicros}; CPU time and bytes are cumulative.
 *
 * @param timeMicros Unix time of the observation
 * @param cores CPU use over the window ending now
 */
public record Sample(
    long timeMicros,
    long cpuTimeMicros,
    double cores,
    long processes,
    long virtualMemoryBytes,
    long memoryBytes,
    long swapBytes,
    long bytesRead,
    long bytesWritten,
    long totalFiles,
    long diskBytes) {}
