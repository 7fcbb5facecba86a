package dev.shoal.lang.model;

/**
 * A resource request or measurement. Each field is {@link #UNSET} ({@code -1}) when not given.
 *
 * <p>Units follow Makeflow: memory and disk in MB, wall time in seconds.
 */
public record Resources(
    long cores, long memoryMb, long diskMb, long gpus, long wallTimeSec, long mpiProcesses) {

  /** The value of a field that was not given. */
  public static final long UNSET = -1;

  /** A request with nothing given. */
  public static final Resources NONE = new Resources(UNSET, UNSET, UNSET, UNSET, UNSET, UNSET);

  /** Each field of {@code this} that is unset is taken from {@code fallback}. */
  public Resources orElse(Resources fallback) {
    return new Resources(
        pick(cores, fallback.cores),
        pick(memoryMb, fallback.memoryMb),
        pick(diskMb, fallback.diskMb),
        pick(gpus, fallback.gpus),
        pick(wallTimeSec, fallback.wallTimeSec),
        pick(mpiProcesses, fallback.mpiProcesses));
  }

  /** True when no field is given. */
  public boolean isEmpty() {
    return equals(NONE);
  }

  public Resources withCores(long v) {
    return new Resources(v, memoryMb, diskMb, gpus, wallTimeSec, mpiProcesses);
  }

  public Resources withMemoryMb(long v) {
    return new Resources(cores, v, diskMb, gpus, wallTimeSec, mpiProcesses);
  }

  public Resources withDiskMb(long v) {
    return new Resources(cores, memoryMb, v, gpus, wallTimeSec, mpiProcesses);
  }

  public Resources withGpus(long v) {
    return new Resources(cores, memoryMb, diskMb, v, wallTimeSec, mpiProcesses);
  }

  public Resources withWallTimeSec(long v) {
    return new Resources(cores, memoryMb, diskMb, gpus, v, mpiProcesses);
  }

  public Resources withMpiProcesses(long v) {
    return new Resources(cores, memoryMb, diskMb, gpus, wallTimeSec, v);
  }

  // equals and hashCode written out: a record's own are linked through ObjectMethods on their
  // first call, which costs 5-10 ms at start-up and is not kept by the JVM's AOT cache.
  @Override
  public boolean equals(Object o) {
    return o instanceof Resources r
        && r.cores == cores
        && r.memoryMb == memoryMb
        && r.diskMb == diskMb
        && r.gpus == gpus
        && r.wallTimeSec == wallTimeSec
        && r.mpiProcesses == mpiProcesses;
  }

  @Override
  public int hashCode() {
    long h = cores;
    for (long v : new long[] {memoryMb, diskMb, gpus, wallTimeSec, mpiProcesses}) {
      h = 31 * h + v;
    }
    return Long.hashCode(h);
  }

  private static long pick(long mine, long theirs) {
    return mine == UNSET ? theirs : mine;
  }
}
