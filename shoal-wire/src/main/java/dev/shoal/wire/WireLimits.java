package dev.shoal.wire;

/**
 * Bounds the codec enforces on what a peer may make it allocate.
 *
 * @param maxLineBytes longest protocol line in bytes, newline excluded (Work Queue uses 4096)
 * @param maxPayloadBytes largest binary payload held in memory (file bodies, command text, task
 *     stdout)
 * @param maxTaskLines most sub-lines accepted between {@code task <id>} and {@code end}
 */
public record WireLimits(int maxLineBytes, long maxPayloadBytes, int maxTaskLines) {
  /** The Work Queue line limit. */
  public static final int PROTOCOL_LINE_MAX = 4096;

  /** 4096-byte lines, 64 MiB payloads, 10,000 task lines. */
  public static final WireLimits DEFAULT = new WireLimits(PROTOCOL_LINE_MAX, 64L << 20, 10_000);

  public WireLimits {
    if (maxLineBytes < 16 || maxLineBytes > PROTOCOL_LINE_MAX) {
      throw new IllegalArgumentException("maxLineBytes must be in [16, 4096], got " + maxLineBytes);
    }
    if (maxPayloadBytes < 0 || maxPayloadBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "maxPayloadBytes must be in [0, "
              + (Integer.MAX_VALUE - 8)
              + "], got "
              + maxPayloadBytes);
    }
    if (maxTaskLines < 1) {
      throw new IllegalArgumentException("maxTaskLines must be positive, got " + maxTaskLines);
    }
  }

  /** A copy with another payload limit. */
  public WireLimits withMaxPayloadBytes(long bytes) {
    return new WireLimits(maxLineBytes, bytes, maxTaskLines);
  }
}
