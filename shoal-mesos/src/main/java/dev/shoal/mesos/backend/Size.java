package dev.shoal.mesos.backend;

import dev.shoal.lang.model.Resources;
import java.util.Locale;

/** What one task asks of an offer: cpus, mem (MB), disk (MB). */
record Size(double cpus, double mem, double disk) {
  static final Size ZERO = new Size(0, 0, 0);

  /** The rule's allocation, each unset field taken from the defaults. */
  static Size of(Resources allocation, MesosOptions o) {
    return new Size(
        allocation.cores() > 0 ? allocation.cores() : o.defaultCpus(),
        allocation.memoryMb() > 0 ? allocation.memoryMb() : o.defaultMemMb(),
        allocation.diskMb() > 0 ? allocation.diskMb() : o.defaultDiskMb());
  }

  boolean fitsIn(Size room) {
    return cpus <= room.cpus + 1e-9 && mem <= room.mem + 1e-9 && disk <= room.disk + 1e-9;
  }

  Size minus(Size s) {
    return new Size(cpus - s.cpus, mem - s.mem, disk - s.disk);
  }

  Size plus(Size s) {
    return new Size(cpus + s.cpus, mem + s.mem, disk + s.disk);
  }

  Size max(Size s) {
    return new Size(Math.max(cpus, s.cpus), Math.max(mem, s.mem), Math.max(disk, s.disk));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "cpus=%.2f mem=%.0f MB disk=%.0f MB", cpus, mem, disk);
  }
}
