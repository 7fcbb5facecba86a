package dev.shoal.engine.run;

import dev.shoal.lang.model.Resources;

/**
 * How many rules run where, and what local rules hold of the machine: the admission control of
 * {@code -j}, {@code -J} and {@code --local-cores/--local-memory/--local-disk}. A local rule that
 * asks for no cores holds one. Engine loop thread only.
 */
final class Slots {
  private final EngineOptions options;
  private int local;
  private int remote;
  private long cores;
  private long memory;
  private long disk;

  Slots(EngineOptions options) {
    this.options = options;
  }

  /** True when one more rule may start on the local (or remote) back end. */
  boolean free(boolean isLocal) {
    return isLocal ? local < options.maxLocal() : remote < options.maxRemote();
  }

  int running(boolean isLocal) {
    return isLocal ? local : remote;
  }

  /** What a local rule asking for {@code request} holds while it runs. */
  static Resources localHold(Resources request) {
    return new Resources(
        Math.max(1, request.cores()),
        Math.max(0, request.memoryMb()),
        Math.max(0, request.diskMb()),
        Resources.UNSET,
        Resources.UNSET,
        Resources.UNSET);
  }

  /** True when {@code held} fits beside what running local rules hold. */
  boolean fits(Resources held) {
    LocalLimits lim = options.limits();
    return cores + held.cores() <= lim.cores()
        && memory + held.memoryMb() <= lim.memoryMb()
        && disk + held.diskMb() <= lim.diskMb();
  }

  void take(boolean isLocal, Resources held) {
    if (isLocal) {
      local++;
      cores += held.cores();
      memory += held.memoryMb();
      disk += held.diskMb();
    } else {
      remote++;
    }
  }

  void give(boolean isLocal, Resources held) {
    if (isLocal) {
      local--;
      cores -= held.cores();
      memory -= held.memoryMb();
      disk -= held.diskMb();
    } else {
      remote--;
    }
  }

  /** Why {@code held} can never fit on this machine, with the remedy. */
  String refusal(int rule, Resources held) {
    LocalLimits lim = options.limits();
    return String.format(
        "rule %d asks for %d cores, %d MB memory, %d MB disk but this machine allows %d"
            + " cores, %d MB, %d MB — lower its CORES/MEMORY/DISK or raise --local-cores"
            + "/--local-memory/--local-disk",
        rule,
        held.cores(),
        held.memoryMb(),
        held.diskMb(),
        lim.cores(),
        lim.memoryMb(),
        lim.diskMb());
  }
}
