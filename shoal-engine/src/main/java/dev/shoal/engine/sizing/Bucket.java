package dev.shoal.engine.sizing;

/**
 * One bucket of a {@link ResourceHistogram}.
 *
 * @param value the bucket key {@code a_i}: measured peaks rounded up to the bucket width
 * @param count {@code n_i}, how many tasks had a peak in this bucket
 * @param wallTimeSeconds {@code T_i}, the sum of those tasks' wall times
 */
public record Bucket(long value, long count, double wallTimeSeconds) {}
