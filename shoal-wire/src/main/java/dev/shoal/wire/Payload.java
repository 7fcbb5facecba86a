package dev.shoal.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Immutable bytes that follow a line announcing their length (file bodies, command text, task
 * output).
 */
public final class Payload {
  /** No bytes. */
  public static final Payload EMPTY = new Payload(new byte[0]);

  private final byte[] bytes;

  private Payload(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}. */
  public static Payload of(byte[] bytes) {
    return new Payload(bytes.clone());
  }

  /** The UTF-8 encoding of {@code text}. */
  public static Payload utf8(String text) {
    return new Payload(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Takes ownership of {@code bytes}: the caller must not change them afterwards. */
  static Payload wrap(byte[] bytes) {
    return new Payload(bytes);
  }

  public int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The bytes decoded as UTF-8 (malformed input replaced). */
  public String asUtf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  byte[] unsafeBytes() {
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p && Arrays.equals(bytes, p.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Payload[" + bytes.length + " bytes]";
  }
}
