/**
 * Category job sizing: per-category histograms of measured peaks and the choice of the resources a
 * new task of the category is given (modes {@code FIXED}, {@code MAX}, {@code MIN_WASTE}, {@code
 * MAX_THROUGHPUT}), plus the retry-at-maximum labels. See {@code docs/sizing.md}.
 *
 * <p>Pure code: no I/O, no threads, no clock. Every mutable class here is owned by the engine loop
 * thread, like the rest of the workflow state, and is not safe for use from other threads.
 */
package dev.shoal.engine.sizing;
