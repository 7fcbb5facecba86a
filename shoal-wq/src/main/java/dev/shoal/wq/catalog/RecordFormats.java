package dev.shoal.wq.catalog;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The query answers' text: a JSON array (one record a line, as cctools writes it), the {@code key
 * value} text form, and HTML pages. Pure functions.
 */
final class RecordFormats {
  private RecordFormats() {}

  /** {@code [}, the records one a line separated by commas, {@code ]}. */
  static String json(List<JxObject> records) {
    StringBuilder sb = new StringBuilder("[\n");
    for (int i = 0; i < records.size(); i++) {
      sb.append(Json.write(records.get(i))).append(i + 1 < records.size() ? ",\n" : "\n");
    }
    return sb.append("]\n").toString();
  }

  /** One {@code key value} line a field, a blank line after each record. */
  static String text(List<JxObject> records) {
    StringBuilder sb = new StringBuilder();
    for (JxObject r : records) {
      r.fields().forEach((k, v) -> sb.append(k).append(' ').append(plain(v)).append('\n'));
      sb.append('\n');
    }
    return sb.toString();
  }

  /** A table of the records: type, name or project, address:port, owner, last heard. */
  static String html(String title, List<JxObject> records) {
    StringBuilder sb = page(title);
    sb.append("<p><a href=\"/query.text\">text</a> - <a href=\"/query.json\">json</a> - ")
        .append(records.size())
        .append(records.size() == 1 ? " record" : " records")
        .append("</p>\n<table>\n<tr><th>TYPE</th><th>NAME</th><th>ADDRESS</th><th>OWNER</th>")
        .append("<th>LAST HEARD (UTC)</th></tr>\n");
    for (JxObject r : records) {
      String name = field(r, "project");
      if (name.isEmpty()) {
        name = field(r, "name");
      }
      sb.append("<tr><td>")
          .append(escape(field(r, "type")))
          .append("</td><td><a href=\"/detail/")
          .append(URLEncoder.encode(RecordStore.keyOf(r), StandardCharsets.UTF_8))
          .append("\">")
          .append(escape(name.isEmpty() ? "(unnamed)" : name))
          .append("</a></td><td>")
          .append(escape(field(r, "address") + ":" + field(r, "port")))
          .append("</td><td>")
          .append(escape(field(r, "owner")))
          .append("</td><td>")
          .append(escape(heard(r)))
          .append("</td></tr>\n");
    }
    return sb.append("</table>\n</body>\n</html>\n").toString();
  }

  /** Every field of one record, one table row each. */
  static String detail(String title, JxObject record) {
    StringBuilder sb = page(title + ": " + RecordStore.keyOf(record));
    sb.append("<p><a href=\"/\">return to catalog view</a></p>\n<table>\n");
    for (Map.Entry<String, JxValue> e : record.fields().entrySet()) {
      sb.append("<tr><th>")
          .append(escape(e.getKey()))
          .append("</th><td>")
          .append(escape(plain(e.getValue())))
          .append("</td></tr>\n");
    }
    return sb.append("</table>\n</body>\n</html>\n").toString();
  }

  /** Escapes {@code & < > " '} for HTML text and attribute values. */
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
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static StringBuilder page(String title) {
    String t = escape(title);
    return new StringBuilder("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>")
        .append(t)
        .append("</title>\n<style>table{border-collapse:collapse}")
        .append("th,td{border:1px solid #999;padding:2px 8px;text-align:left}</style></head>\n")
        .append("<body>\n<h1>")
        .append(t)
        .append("</h1>\n");
  }

  private static String heard(JxObject r) {
    return r.get("lastheardfrom") instanceof JxInteger(long s)
        ? Instant.ofEpochSecond(s).toString()
        : "";
  }

  private static String field(JxObject r, String key) {
    JxValue v = r.get(key);
    return v == null ? "" : plain(v);
  }

  /** A string without quotes; any other value as JSON. */
  private static String plain(JxValue v) {
    return v instanceof JxString(String s) ? s : Json.write(v);
  }
}
