package dev.shoal.wq.factory;

/**
 * The resources each worker the factory starts offers ({@code --cores}, {@code --memory}, {@code
 * --disk}, {@code --gpus}). Zero means "not set": the worker measures its machine, and that
 * resource does not count in the demand.
 *
 * @param cores cores per worker, 0 = unset
 * @param memoryMb memory per worker in MB, 0 = unset
 * @param diskMb disk per worker in MB, 0 = unset
 * @param gpus GPUs per worker, 0 = unset
 */
public record WorkerShape(int cores, long memoryMb, long diskMb, int gpus) {
  /** A worker that sets nothing and takes what its machine has. */
  public static final WorkerShape UNSET = new WorkerShape(0, 0, 0, 0);

  public WorkerShape {
    if (cores < 0 || memoryMb < 0 || diskMb < 0 || gpus < 0) {
      throw new IllegalArgumentException(
          "worker resources must not be negative: cores="
              + cores
              + " memory="
              + memoryMb
              + " disk="
              + diskMb
              + " gpus="
              + gpus);
    }
  }
}
