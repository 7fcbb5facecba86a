package dev.shoal.wq.catalog;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The wire form of one catalog update: a JSON object as UTF-8 text, or the byte {@code 0x1A}
 * followed by that text compressed with zlib (RFC 1950). Legacy updates, {@code key value} lines,
 * are accepted too. Pure and thread-safe.
 */
final class UpdateCodec {
  /** The first byte of a compressed update. */
  static final byte COMPRESSED = 0x1A;

  private UpdateCodec() {}

  /** Thrown for an update that cannot be read; the message says why, for the log. */
  static final class BadUpdateException extends Exception {
    private static final long serialVersionUID = 1L;

    BadUpdateException(String message) {
      super(message);
    }
  }

  /**
   * Decodes one update.
   *
   * @param maxBytes the largest accepted text, after decompression
   * @throws BadUpdateException when the update is too large, not UTF-8, or not an object
   */
  static JxObject decode(byte[] data, int length, int maxBytes) throws BadUpdateException {
    if (length > maxBytes) {
      throw new BadUpdateException("update of " + length + " bytes exceeds " + maxBytes);
    }
    byte[] text = data;
    int textLength = length;
    if (length > 0 && data[0] == COMPRESSED) {
      text = inflate(data, length, maxBytes);
      textLength = text.length;
    }
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(text, 0, textLength))
              .toString();
    } catch (CharacterCodingException e) {
      throw new BadUpdateException("update is not UTF-8 text");
    }
    String trimmed = s.strip();
    if (trimmed.isEmpty()) {
      throw new BadUpdateException("update is empty");
    }
    char first = trimmed.charAt(0);
    if (first != '{' && first != '[' && first != '"') {
      return legacy(trimmed);
    }
    try {
      JxValue v = Json.parse(trimmed, "<update>");
      if (v instanceof JxObject o) {
        return o;
      }
      throw new BadUpdateException("update is a JSON " + v.typeName() + ", not an object");
    } catch (JxSyntaxException e) {
      throw new BadUpdateException("update is not JSON: " + e.getMessage());
    }
  }

  /** Encodes {@code record} as plain JSON text. */
  static byte[] encode(JxObject record) {
    return Json.write(record).getBytes(StandardCharsets.UTF_8);
  }

  /** Encodes {@code record} as {@code 0x1A} + zlib-compressed JSON. */
  static byte[] encodeCompressed(JxObject record) {
    byte[] plain = encode(record);
    Deflater d = new Deflater();
    try {
      d.setInput(plain);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 2 + 16);
      out.write(COMPRESSED);
      byte[] buf = new byte[8192];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  private static byte[] inflate(byte[] data, int length, int maxBytes) throws BadUpdateException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(data, 1, length - 1);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new BadUpdateException("compressed update is truncated");
        }
        out.write(buf, 0, n);
        if (out.size() > maxBytes) {
          throw new BadUpdateException("compressed update inflates past " + maxBytes + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new BadUpdateException("compressed update is not zlib data: " + e.getMessage());
    } finally {
      inf.end();
    }
  }

  /** The pre-JSON form: one {@code key value} pair a line; integers become numbers. */
  private static JxObject legacy(String text) throws BadUpdateException {
    Map<String, JxValue> fields = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.isEmpty()) {
        continue;
      }
      int sp = l.indexOf(' ');
      if (sp <= 0) {
        throw new BadUpdateException("legacy update line '" + brief(l) + "' has no value");
      }
      String value = l.substring(sp + 1).strip();
      fields.put(l.substring(0, sp), legacyValue(value));
    }
    return new JxObject(fields);
  }

  private static JxValue legacyValue(String value) {
    try {
      return JxValue.of(Long.parseLong(value));
    } catch (NumberFormatException e) {
      return JxValue.of(value);
    }
  }

  private static String brief(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }
}
