package dev.shoal.jx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict RFC 8259 parser behind {@link Json#parse}; one instance per document. */
final class JsonParser {
  private static final int MAX_DEPTH = 1000;

  private final String s;
  private final String fileName;
  private int pos;
  private int line = 1;
  private int depth;

  JsonParser(String text, String fileName) {
    this.s = text;
    this.fileName = fileName;
  }

  JxValue document() throws JxSyntaxException {
    JxValue v = value();
    skipSpace();
    if (pos < s.length()) {
      throw error(
          "unexpected '"
              + s.charAt(pos)
              + "' after the JSON value — a file holds one value;"
              + " wrap several in [ ]");
    }
    return v;
  }

  private JxValue value() throws JxSyntaxException {
    skipSpace();
    if (pos >= s.length()) {
      throw error("unexpected end of input — the JSON value is incomplete");
    }
    char c = s.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> new JxString(string());
      case 't' -> word("true", JxBoolean.TRUE);
      case 'f' -> word("false", JxBoolean.FALSE);
      case 'n' -> word("null", JxNull.INSTANCE);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        if (c == '#') {
          throw error("comments are not JSON — remove them, or read the file as JX (--jx)");
        }
        throw error(
            "unexpected '"
                + c
                + "' — expected a JSON value (object, array, string,"
                + " number, true, false or null); expressions need --jx");
      }
    };
  }

  private JxValue object() throws JxSyntaxException {
    enter();
    pos++;
    Map<String, JxValue> out = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      depth--;
      return new JxObject(out);
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a quoted key in the object — JSON keys are \"strings\"");
      }
      String key = string();
      skipSpace();
      expect(':', "':' after the key \"" + key + "\"");
      out.put(key, value());
      skipSpace();
      char c = peek();
      pos++;
      if (c == '}') {
        depth--;
        return new JxObject(out);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or '}' in the object — separate members with ','");
      }
      skipSpace();
      if (peek() == '}') {
        throw error("trailing ',' before '}' — remove the last comma");
      }
    }
  }

  private JxValue array() throws JxSyntaxException {
    enter();
    pos++;
    List<JxValue> out = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      depth--;
      return new JxArray(out);
    }
    while (true) {
      out.add(value());
      skipSpace();
      char c = peek();
      pos++;
      if (c == ']') {
        depth--;
        return new JxArray(out);
      }
      if (c != ',') {
        pos--;
        throw error("expected ',' or ']' in the array — separate items with ','");
      }
      skipSpace();
      if (peek() == ']') {
        throw error("trailing ',' before ']' — remove the last comma");
      }
    }
  }

  private String string() throws JxSyntaxException {
    pos++;
    int start = pos;
    // Fast path: no escapes.
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '"') {
        return s.substring(start, pos++);
      }
      if (c == '\\' || c < 0x20) {
        break;
      }
      pos++;
    }
    StringBuilder sb = new StringBuilder().append(s, start, pos);
    while (true) {
      if (pos >= s.length()) {
        throw error("string not closed — add the closing \"");
      }
      char c = s.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        pos--;
        throw error(
            "raw control character (code "
                + (int) c
                + ") in a string — write it as an"
                + " escape such as \\n or \\t");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = pos < s.length() ? s.charAt(pos++) : '\0';
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          if (pos + 4 > s.length()) {
            throw error("\\u needs four hex digits");
          }
          try {
            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
          } catch (NumberFormatException ex) {
            throw error("\\u needs four hex digits, got \"" + s.substring(pos, pos + 4) + "\"");
          }
          pos += 4;
        }
        default ->
            throw error(
                "unknown escape '\\" + e + "' — use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX");
      }
    }
  }

  private JxValue number() throws JxSyntaxException {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error("numbers must not have leading zeros in JSON — remove them");
      }
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("'-' must be followed by digits");
    }
    boolean integral = true;
    if (peek() == '.') {
      pos++;
      integral = false;
      if (!isDigit(peek())) {
        throw error("a digit must follow the decimal point — write e.g. 1.0");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      integral = false;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("the exponent needs digits — write e.g. 1e6");
      }
      digits();
    }
    String text = s.substring(start, pos);
    if (integral) {
      try {
        return new JxInteger(Long.parseLong(text));
      } catch (NumberFormatException e) {
        // Too large for a long: keep it as a double.
      }
    }
    return new JxDouble(Double.parseDouble(text));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private JxValue word(String w, JxValue v) throws JxSyntaxException {
    if (!s.startsWith(w, pos)) {
      throw error(
          "unknown word — JSON has only true, false and null; quote strings,"
              + " and use --jx for symbols");
    }
    pos += w.length();
    return v;
  }

  private void enter() throws JxSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error("nested more than " + MAX_DEPTH + " levels deep — flatten the document");
    }
  }

  private void expect(char c, String what) throws JxSyntaxException {
    if (peek() != c) {
      throw error("expected " + what);
    }
    pos++;
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c == '\n') {
        line++;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private JxSyntaxException error(String problem) {
    return new JxSyntaxException(fileName, line, problem);
  }
}
