package dev.shoal.jx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.jx.JxExpr.ArrayExpr;
import dev.shoal.jx.JxExpr.Binary;
import dev.shoal.jx.JxExpr.BinaryOp;
import dev.shoal.jx.JxExpr.Call;
import dev.shoal.jx.JxExpr.Comprehension;
import dev.shoal.jx.JxExpr.ObjectExpr;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParserTest {

  @Test
  void parse_recordsTheLineOfEachNode() throws JxSyntaxException {
    ArrayExpr a =
        assertInstanceOf(
            ArrayExpr.class,
            Jx.parse("[ # comment\n  {\"a\": 1},\n\n  x + 1 for x in l\n]", "f.jx"));
    assertEquals(1, a.line());
    assertEquals(2, assertInstanceOf(ObjectExpr.class, a.items().get(0)).line());
    Comprehension c = assertInstanceOf(Comprehension.class, a.items().get(1));
    assertEquals(4, c.line());
    assertEquals(BinaryOp.ADD, assertInstanceOf(Binary.class, c.body()).op());
  }

  @Test
  void parse_methodCallPutsTheTargetFirst() throws JxSyntaxException {
    Call c = assertInstanceOf(Call.class, Jx.parse("\"%d\".format(1)", "f"));
    assertEquals("format", c.function());
    assertEquals(2, c.args().size());
  }

  @Test
  void parse_numbersAndComments() throws JxSyntaxException {
    assertEquals(new JxInteger(9631), Jx.eval(Jx.parse("09631", "f"), Map.of()));
    assertEquals(
        new JxInteger(30), Jx.eval(Jx.parse("10+20    # This is a comment.", "f"), Map.of()));
    assertEquals(new JxDouble(-2.5e3), Jx.eval(Jx.parse("-2.5e3", "f"), Map.of()));
  }

  @Test
  void parse_syntaxErrorsCarryFileLineAndRemedy() {
    assertEquals(
        "w.jx:3: expected a value, found ',' — write a number, string, list, object, name or"
            + " function call here",
        syntax("[\n1,\n,]"));
    assertEquals(
        "w.jx:2: expected ',' or '}' in the object opened on line 1, found string \"b\" — separate"
            + " entries with ',' and close the object with '}'",
        syntax("{\"a\": 1\n \"b\": 2}"));
    assertEquals(
        "w.jx:1: '=' is not a JX operator — write '==' to compare, or ':' inside an object",
        syntax("x = 1"));
    assertEquals(
        "w.jx:1: string not closed before the end of the line — add the closing \"",
        syntax("\"abc\n\""));
    assertEquals(
        "w.jx:1: expected 'in' after 'for x', found 'of' — write for x in LIST",
        syntax("[x for x of l]"));
    assertEquals(
        "w.jx:1: unexpected 'b' after a complete expression — join the parts with an operator or a"
            + " ',' inside [ ] or { }",
        syntax("a b"));
    assertEquals(
        "w.jx:1: 'for' is a keyword and cannot be used as a value — rename the variable or quote"
            + " it as a string",
        syntax("for"));
    assertEquals(
        "w.jx:2: expected a value, found end of input — write a number, string, list, object, name"
            + " or function call here",
        syntax("1 +\n"));
    assertEquals(
        "w.jx:1: strings are written in double quotes in JX — replace ' with \"", syntax("'a'"));
    assertEquals("w.jx:1: expected ')' to close the '(' on line 1, found ']'", syntax("(1]"));
  }

  private static String syntax(String text) {
    return assertThrows(JxSyntaxException.class, () -> Jx.parse(text, "w.jx")).getMessage();
  }
}
