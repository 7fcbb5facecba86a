package dev.shoal.jx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
  private static final String DOC =
      "{\"s\":\"a\\\"b\\\\c\\n\\t\\u0001é\",\"i\":-42,\"big\":9223372036854775807,\"d\":1.5,"
          + "\"e\":1.0E-7,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[2,[]],{}],"
          + "\"o\":{\"z\":1,\"a\":2}}";

  @Test
  void write_roundTripsThroughParse() throws JxSyntaxException {
    JxValue v = Json.parse(DOC, "doc.json");
    assertEquals(DOC, Json.write(v));
    assertEquals(v, Json.parse(Json.writePretty(v), "pretty.json"));
    assertEquals(v, Jx.evaluate(Json.write(v), Map.of()));
  }

  @Test
  void parse_keepsKeyOrderAndNumberTypes() throws JxSyntaxException {
    JxObject o = assertInstanceOf(JxObject.class, Json.parse(DOC, "doc.json"));
    assertEquals(
        List.of("s", "i", "big", "d", "e", "t", "f", "n", "a", "o"),
        new ArrayList<>(o.fields().keySet()));
    assertEquals(new JxInteger(-42), o.get("i"));
    assertEquals(new JxDouble(1.5), o.get("d"));
    assertInstanceOf(JxDouble.class, Json.parse("123456789012345678901234", "x"));
  }

  @Test
  void writePretty_indentsTwoSpaces() throws JxSyntaxException {
    assertEquals(
        "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}",
        Json.writePretty(Json.parse("{\"a\":[1,2],\"b\":{},\"c\":[]}", "x")));
  }

  @Test
  void write_largeRandomDocumentRoundTrips() throws JxSyntaxException {
    Random r = new Random(7);
    List<JxValue> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Map<String, JxValue> m = new LinkedHashMap<>();
      m.put("id", new JxInteger(r.nextLong()));
      m.put("x", new JxDouble(r.nextDouble() * 1e6));
      m.put("name", new JxString("row-" + i + "\u00e9\""));
      rows.add(new JxObject(m));
    }
    JxArray big = new JxArray(rows);
    assertEquals(big, Json.parse(Json.write(big), "big.json"));
  }

  @Test
  void parse_rejectsNonJsonWithLineAndRemedy() {
    assertEquals(
        "a.json:2: trailing ',' before ']' — remove the last comma",
        assertThrows(JxSyntaxException.class, () -> Json.parse("[1,\n2,]", "a.json")).getMessage());
    assertEquals(
        "a.json:1: comments are not JSON — remove them, or read the file as JX (--jx)",
        assertThrows(JxSyntaxException.class, () -> Json.parse("# hi\n1", "a.json")).getMessage());
    assertEquals(
        "a.json:1: unexpected 'x' — expected a JSON value (object, array, string, number, true,"
            + " false or null); expressions need --jx",
        assertThrows(JxSyntaxException.class, () -> Json.parse("[x]", "a.json")).getMessage());
    for (String bad :
        new String[] {
          "",
          "01",
          "1.",
          "{\"a\" 1}",
          "{a: 1}",
          "[1 2]",
          "\"abc",
          "tru",
          "1 2",
          "-",
          "\"\\q\"",
          "\"a\nb\"",
          "[1e]"
        }) {
      assertThrows(JxSyntaxException.class, () -> Json.parse(bad, "a.json"), bad);
    }
  }

  @Test
  void write_errorValueAndSpecialDoubles() {
    assertEquals(
        "Error{\"kind\":\"user\",\"message\":\"m\",\"line\":3}",
        Json.write(new JxError("user", "m", 3)));
    assertEquals("null", Json.write(new JxDouble(Double.NaN)));
  }
}
