package dev.shoal.jx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON: a strict parser (RFC 8259: no comments, no expressions, no trailing commas) and a
 * writer. Both are single passes over the text; neither is recursive beyond the nesting depth of
 * the document.
 */
public final class Json {
  private Json() {}

  /**
   * Parses one JSON document.
   *
   * @param fileName the name to put in messages
   * @throws JxSyntaxException with file, line and a remedy when {@code text} is not JSON
   */
  public static JxValue parse(String text, String fileName) throws JxSyntaxException {
    return new JsonParser(text, fileName).document();
  }

  /** Compact JSON text, no spaces. An {@link JxError} is written as {@code Error{...}}. */
  public static String write(JxValue value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, -1, 0);
    return sb.toString();
  }

  /** JSON text indented by two spaces per level, one member per line. */
  public static String writePretty(JxValue value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb, 2, 0);
    return sb.toString();
  }

  /** Compact JSON, cut to about 60 characters: for quoting a value inside a message. */
  static String brief(JxValue value) {
    String s = write(value);
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  /** Appends {@code s} as a quoted JSON string. */
  public static void quote(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void write(JxValue v, StringBuilder sb, int indent, int level) {
    switch (v) {
      case JxNull n -> sb.append("null");
      case JxBoolean(boolean b) -> sb.append(b);
      case JxInteger(long n) -> sb.append(n);
      case JxDouble(double d) -> writeDouble(d, sb);
      case JxString(String s) -> quote(s, sb);
      case JxArray(List<JxValue> items) -> {
        if (items.isEmpty()) {
          sb.append("[]");
          return;
        }
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            sb.append(',');
          }
          newline(sb, indent, level + 1);
          write(items.get(i), sb, indent, level + 1);
        }
        newline(sb, indent, level);
        sb.append(']');
      }
      case JxObject(Map<String, JxValue> fields) -> writeObject(fields, sb, indent, level);
      case JxError e -> {
        sb.append("Error");
        Map<String, JxValue> body = new LinkedHashMap<>();
        body.put("kind", new JxString(e.kind()));
        body.put("message", new JxString(e.message()));
        body.put("line", new JxInteger(e.line()));
        writeObject(body, sb, indent, level);
      }
    }
  }

  private static void writeObject(
      Map<String, JxValue> fields, StringBuilder sb, int indent, int level) {
    if (fields.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, JxValue> e : fields.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, indent, level + 1);
      quote(e.getKey(), sb);
      sb.append(indent < 0 ? ":" : ": ");
      write(e.getValue(), sb, indent, level + 1);
    }
    newline(sb, indent, level);
    sb.append('}');
  }

  private static void writeDouble(double d, StringBuilder sb) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      // JSON has no NaN or infinity; null is what other JSON writers emit.
      sb.append("null");
    } else {
      sb.append(d);
    }
  }

  private static void newline(StringBuilder sb, int indent, int level) {
    if (indent >= 0) {
      sb.append('\n');
      sb.append(" ".repeat(indent * level));
    }
  }
}
