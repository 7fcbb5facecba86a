package dev.shoal.engine.sizing;

import dev.shoal.lang.model.AllocationMode;

/** The {@code --allocation=waste|throughput|fixed} command-line option. */
public final class AllocationOption {

  /** The mode of categories that set none, when {@code --allocation} is not given. */
  public static final AllocationMode DEFAULT = AllocationMode.FIXED;

  private AllocationOption() {}

  /**
   * The default category mode named by {@code value}: {@code waste} is {@link
   * AllocationMode#MIN_WASTE}, {@code throughput} {@link AllocationMode#MAX_THROUGHPUT}, {@code
   * fixed} {@link AllocationMode#FIXED}.
   *
   * @throws IllegalArgumentException for any other value
   */
  public static AllocationMode parse(String value) {
    return switch (value) {
      case "waste" -> AllocationMode.MIN_WASTE;
      case "throughput" -> AllocationMode.MAX_THROUGHPUT;
      case "fixed" -> AllocationMode.FIXED;
      case null, default ->
          throw new IllegalArgumentException(
              "--allocation=" + value + " is not one of waste, throughput, fixed");
    };
  }
}
