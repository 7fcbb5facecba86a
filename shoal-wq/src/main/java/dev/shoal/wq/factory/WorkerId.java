package dev.shoal.wq.factory;

/** A worker started by one launcher: numbered from 1 in the order of submission. */
public record WorkerId(long value) {
  @Override
  public String toString() {
    return "worker-" + value;
  }
}
