package dev.shoal.jx;

import static dev.shoal.jx.JxTesting.error;
import static dev.shoal.jx.JxTesting.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorsTest {

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1 + 2 * 3 | 7",
        "(1 + 2) * 3 | 9",
        "10 - 4 - 3 | 3",
        "100 / 10 / 5 | 2",
        "7 / 2 | 3",
        "-7 / 2 | -3",
        "7 % 3 | 1",
        "-7 % 3 | -1",
        "7.0 / 2 | 3.5",
        "1 + 0.5 | 1.5",
        "5.5 % 2 | 1.5",
        "-x | -10",
        "- -3 | 3",
        "+x | 10",
        "-list[0] | -100",
        "x * -2 | -20",
        "\"123\" + \"4\" | \"1234\"",
        "\"123\" + 4 | \"1234\"",
        "\"out.\" + 2.5 + \".\" + true + null | \"out.2.5.truenull\"",
        "1 + 2 + \"x\" | \"3x\"",
        "[1, 2, 3,] | [1,2,3]",
        "{\"a\": 1,} | {\"a\":1}",
        "[1, 2] + [3] | [1,2,3]",
        "1 < 2 == true | true",
        "1 + 1 == 2 and 3 > 2 | true",
        "not 1 == 2 | true",
        "not a or a | true",
        "not (a or a) | false",
        "a and not b | true",
        "true or false and false | true",
        "(true or false) and false | false",
        "1 == 1.0 | true",
        "1 != \"1\" | true",
        "null == null | true",
        "[1, [2, {\"a\": 1}]] == [1, [2, {\"a\": 1.0}]] | true",
        "{\"a\": 1, \"b\": 2} == {\"b\": 2, \"a\": 1} | true",
        "\"abc\" < \"abd\" | true",
        "2 <= 2.0 | true",
        "3 > 2.5 | true",
        "\"b\" >= \"a\" | true",
      })
  void binary_evaluatesWithPrecedence(String text, String expected) {
    assertEquals(expected, eval(text));
  }

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "list[0] | 100",
        "list[-1] | 300",
        "obj[\"house\"] | \"home\"",
        "range(10)[:3] | [0,1,2]",
        "range(10)[4:] | [4,5,6,7,8,9]",
        "range(10)[3:7] | [3,4,5,6]",
        "range(10)[-3:] | [7,8,9]",
        "range(10)[:-8] | [0,1]",
        "range(10)[8:100] | [8,9]",
        "range(10)[7:3] | []",
        "range(10)[:] | [0,1,2,3,4,5,6,7,8,9]",
        "\"abcdef\"[1:3] | \"bc\"",
        "[[1, 2], [3, 4]][1][0] | 3",
      })
  void index_andSlice(String text, String expected) {
    assertEquals(expected, eval(text));
  }

  @Test
  void comprehension_singleClause() {
    assertEquals("[\"aa\",\"bb\",\"cc\"]", eval("[v + v for v in [\"a\", \"b\", \"c\"]]"));
    assertEquals("[0,3,6,9]", eval("[3 * i for i in range(4)]"));
    assertEquals("[0,2,4,6,8]", eval("[i for i in range(10) if i % 2 == 0]"));
  }

  @Test
  void comprehension_severalClausesNestLeftToRight() {
    assertEquals(
        "[[0,0],[0,2],[1,1],[2,0],[2,2],[3,1]]",
        eval("[[i, j] for i in range(4) for j in range(3) if (i + j) % 2 == 0]"));
    assertEquals(
        "[[1,0],[3,0],[3,2]]",
        eval("[[i, j] for i in range(4) if i % 2 == 1 for j in range(i) if j % 2 == 0]"));
  }

  @Test
  void comprehension_mixesWithPlainItemsAndShadowsNames() {
    assertEquals("[\"first\",0,1,\"last\"]", eval("[\"first\", x for x in range(2), \"last\"]"));
    assertEquals("10", eval("[x for x in range(3)][0] + x"));
  }

  @Test
  void methodCall_isSugarForFirstArgument() {
    assertEquals("4", eval("[1,2,3,4].len()"));
    assertEquals("true", eval("\"abc\".like(\"a.+\")"));
    assertEquals("\"ceil(9.1) -> 10\"", eval("\"ceil(%.1f) -> %d\".format(9.1, 10)"));
    assertEquals("2", eval("[{\"a\": 1}, {\"a\": 2}].select(a > 0).project(a).len()"));
  }

  @Test
  void and_shortCircuitsSoTheRightSideIsNotEvaluated() {
    assertEquals("false", eval("b and undefined_name"));
    assertEquals("true", eval("a or 1 / 0"));
  }

  @Test
  void errors_carryKindLineAndRemedy() {
    JxError e = error("1 +\n  nope");
    assertEquals("undefined symbol", e.kind());
    assertEquals(2, e.line());
    assertEquals(
        "undefined symbol 'nope' — define it (in \"define\", a --jx-args file or --jx-define"
            + " nope=VALUE), or quote it if you meant the string \"nope\"",
        e.message());
    assertEquals(
        "mismatched types for '+': string \"abc\" + array [1] — add two numbers, join two arrays,"
            + " or join a string with a string or number",
        error("\"abc\" + [1]").message());
    assertEquals(
        "division by zero in 1 / 0 — check the divisor before dividing", error("1 / 0").message());
    assertEquals("division by zero", error("1.5 % 0.0").kind());
    assertEquals(
        "index 3 is outside an array of 3 items — use an index from -3 to 2",
        error("list[3]").message());
    assertEquals(
        "key \"garage\" not found — the object has keys house, n",
        error("obj[\"garage\"]").message());
    assertEquals("unsupported operator", error("-\"abc\"").kind());
    assertEquals("unsupported operator", error("not 1").kind());
    assertEquals("unsupported operator", error("1 and true").kind());
    assertEquals("mismatched types", error("\"a\" < 1").kind());
    assertEquals("mismatched types", error("list[\"a\"]").kind());
    assertEquals("mismatched types", error("x[1:2]").kind());
    assertEquals("arithmetic error", error("9223372036854775807 + 1").kind());
    assertEquals("invalid arguments", error("[i for i in 5]").kind());
    assertEquals("invalid arguments", error("[i for i in range(3) if i]").kind());
    assertEquals("invalid arguments", error("{1: 2}").kind());
  }

  @Test
  void errors_propagateFromDeepInsideAStructure() throws JxSyntaxException {
    JxError e = error("{\"a\": [1, 2, {\"b\": [3, 1 / 0]}], \"c\": nope}");
    assertEquals("division by zero", e.kind());
    assertTrue(Jx.evaluate("[Error{\"message\": \"boom\"}, 1]", JxTesting.context()).isError());
  }
}
