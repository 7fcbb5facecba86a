package dev.shoal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of names inside protocol lines. Observed from cctools 8.0.0: {@code --feature
 * "my feat/1"} is sent as {@code feature my%20feat/1}, so {@code /} stays literal. We encode
 * everything outside {@code [A-Za-z0-9._~/-]} (in particular space and {@code %}); decoding accepts
 * any {@code %XX}. {@code +} is a literal plus, not a space.
 */
final class UrlNames {
  private UrlNames() {}

  static String encode(String name) {
    StringBuilder b = new StringBuilder(name.length());
    for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '~'
          || c == '/'
          || c == '-') {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        b.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  static String decode(String field) throws ProtocolException {
    if (field.indexOf('%') < 0) {
      return field;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c != '%') {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        continue;
      }
      int hi = i + 2 < field.length() ? Character.digit(field.charAt(i + 1), 16) : -1;
      int lo = i + 2 < field.length() ? Character.digit(field.charAt(i + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw new ProtocolException(field, "a URL-encoded name (%XX with two hex digits)");
      }
      out.write(hi << 4 | lo);
      i += 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
