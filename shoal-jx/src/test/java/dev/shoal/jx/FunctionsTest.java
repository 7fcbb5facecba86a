package dev.shoal.jx;

import static dev.shoal.jx.JxTesting.error;
import static dev.shoal.jx.JxTesting.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FunctionsTest {

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "range(5) | [0,1,2,3,4]",
        "range(3, 7) | [3,4,5,6]",
        "range(7, 3) | []",
        "range(-1, 10, 2) | [-1,1,3,5,7,9]",
        "range(5, 0, -1) | [5,4,3,2,1]",
        "range(0) | []",
        "len([1, 2, 3]) | 3",
        "len(\"abcd\") | 4",
        "len(obj) | 2",
        "keys(obj) | [\"house\",\"n\"]",
        "values(obj) | [\"home\",2]",
        "items(obj) | [[\"house\",\"home\"],[\"n\",2]]",
        "ceil(2.1) | 3",
        "floor(2.9) | 2",
        "floor(-2.1) | -3",
        "ceil(4) | 4",
        "schema({\"x\": 0, \"y\": \"t\", \"z\": 1.0, \"w\": [], \"v\": {}, \"u\": null, \"t\": true})"
            + " | {\"x\":\"integer\",\"y\":\"string\",\"z\":\"float\",\"w\":\"array\",\"v\":\"object\","
            + "\"u\":\"null\",\"t\":\"boolean\"}",
        "join([\"a\", \"b\", \"c\"]) | \"a b c\"",
        "join([\"a\", 1, 2.5], \",\") | \"a,1,2.5\"",
        "join([], \",\") | \"\"",
        "basename(\"/a/b/c.txt\") | \"c.txt\"",
        "basename(\"c.txt\") | \"c.txt\"",
        "basename(\"/a/b/\") | \"b\"",
        "basename(\"/\") | \"/\"",
        "dirname(\"/a/b/c.txt\") | \"/a/b\"",
        "dirname(\"c.txt\") | \".\"",
        "dirname(\"/c.txt\") | \"/\"",
        "dirname(\"a/b//\") | \"a\"",
        "escape(\"a b\") | \"'a b'\"",
        "escape(\"it's\") | \"'it'\\\\''s'\"",
        "like(\"test\", \".es.*\") | true",
        "like(\"test\", \"^x\") | false",
        "template(\"file{ID}.txt\") | \"file10.txt\"",
        "template(\"SM{PLATE}_{ID}.sam\", {\"PLATE\": \"10001\", \"ID\": N/2 - 1}) | \"SM10001_23.sam\"",
        "template(\"{{literal}} {x}\") | \"{literal} 10\"",
        "template(\"{ f }\") | \"0.5\"",
      })
  void function_matchesTheReference(String text, String expected) {
    assertEquals(expected, eval(text));
  }

  @Test
  void select_keepsItemsWhoseConditionHolds() {
    assertEquals(
        "[{\"x\":1,\"y\":\"example\",\"z\":0.0}]",
        eval(
            "where([{\"x\": 0, \"y\": \"test\", \"z\": 1.0},"
                + " {\"x\": 1, \"y\": \"example\", \"z\": 0.0}], x == 1)"));
    assertEquals("[{\"x\":5}]", eval("select([{\"x\": 5}, {\"x\": 50}], x < y)"));
  }

  @Test
  void project_evaluatesTheExpressionPerItem() {
    assertEquals(
        "[0,1]", eval("project([{\"x\": 0, \"y\": \"test\"}, {\"x\": 1, \"y\": \"example\"}], x)"));
    assertEquals(
        "[\"a.txt\",\"b.txt\"]", eval("project([{\"n\": \"a\"}, {\"n\": \"b\"}], n + \".txt\")"));
  }

  @Test
  void functions_reportInvalidArguments() {
    assertEquals(
        "range(): step must not be 0 — use a positive or negative step",
        error("range(1, 5, 0)").message());
    assertEquals(
        "range(): takes 1 to 3 arguments, got 0 — call it as range(stop) or range(start, stop[, step])",
        error("range()").message());
    assertEquals("invalid arguments", error("range(1.5)").kind());
    assertEquals("invalid arguments", error("range(100000000)").kind());
    assertEquals("invalid arguments", error("len(5)").kind());
    assertEquals("invalid arguments", error("keys([1])").kind());
    assertEquals("invalid arguments", error("ceil(\"1\")").kind());
    assertEquals("invalid arguments", error("join([[1]])").kind());
    assertEquals("invalid arguments", error("basename(1)").kind());
    assertEquals("invalid arguments", error("like(\"a\", \"(\")").kind());
    assertEquals("invalid arguments", error("select([1, 2], true)").kind());
    assertEquals("invalid arguments", error("select([{\"a\": 1}], a)").kind());
    assertEquals("undefined symbol", error("template(\"{missing}\")").kind());
    assertEquals("invalid arguments", error("template(\"{list}\")").kind());
    assertEquals("invalid arguments", error("template(\"{x\")").kind());
  }

  @Test
  void unknownFunction_namesTheKnownOnes() {
    JxError e = error("frobnicate(1)");
    assertEquals("undefined symbol", e.kind());
    assertTrue(
        e.message().startsWith("unknown function 'frobnicate' — the JX functions are basename,"),
        e.message());
  }

  @Test
  void externalFunctions_areDisabled() {
    JxError e = error("listdir(\"data\")");
    assertEquals("disabled function", e.kind());
    assertEquals(
        "listdir() reads data from outside the workflow and is disabled in Shoal — list the values"
            + " in \"define\" or pass them in a --jx-args file",
        e.message());
    assertEquals("disabled function", error("fetch(\"x.json\")").kind());
  }

  @Test
  void errorArgument_isReturnedUnchanged() {
    assertEquals("division by zero", error("len([1 / 0])").kind());
    assertEquals("division by zero", error("format(\"%d\", 1 / 0)").kind());
  }
}
