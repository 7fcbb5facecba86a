package dev.shoal.mesos;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A protobuf {@code bytes} field (a status update's {@code uuid}, a message's {@code data}). On the
 * wire it is standard Base64; the array is copied in and out, so a value is immutable.
 */
public record Bytes(byte[] bytes) {
  public Bytes {
    bytes = bytes.clone();
  }

  public static Bytes ofUtf8(String text) {
    return new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes standard Base64, as protobuf's JSON mapping writes it. */
  public static Bytes fromBase64(String text) {
    try {
      return new Bytes(Base64.getDecoder().decode(text));
    } catch (IllegalArgumentException e) {
      throw new MesosFormatException("bytes field is not Base64: " + e.getMessage());
    }
  }

  /** A random 16-byte uuid, as an agent or executor puts in a status update. */
  public static Bytes randomUuid() {
    java.util.UUID u = java.util.UUID.randomUUID();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
    b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    return new Bytes(b.array());
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  public String utf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return base64();
  }
}
