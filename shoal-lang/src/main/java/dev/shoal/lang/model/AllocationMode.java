package dev.shoal.lang.model;

/** How a category's resource allocation is chosen (the {@code .MAKEFLOW MODE} directive). */
public enum AllocationMode {
  /** The user's request as given; exhausting it is a failure. */
  FIXED,
  /** The largest peak seen so far. */
  MAX,
  /** The allocation that minimises expected resource-time wasted. */
  MIN_WASTE,
  /** The allocation that maximises expected tasks per unit of time. */
  MAX_THROUGHPUT
}
