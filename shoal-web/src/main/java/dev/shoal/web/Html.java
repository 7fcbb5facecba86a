package dev.shoal.web;

/** Escaping for HTML/XML text and attribute values. */
final class Html {
  private Html() {}

  /** {@code s} with {@code & < > " '} escaped; safe in text and in quoted attributes. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t') {
            sb.append(' '); // not allowed in XML 1.0
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
