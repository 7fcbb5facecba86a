package dev.shoal.jx;

import static dev.shoal.jx.JxTesting.error;
import static dev.shoal.jx.JxTesting.eval;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintfTest {

  @ParameterizedTest(name = "{0} => {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "format(\"file%d.txt\", 10) | \"file10.txt\"",
        "format(\"SM%s_%d.sam\", \"10001\", 23) | \"SM10001_23.sam\"",
        "format(\"%i%%\", 50) | \"50%\"",
        "format(\"%5d:%-5d:%05d\", 42, 42, 42) | \"   42:42   :00042\"",
        "format(\"%+d % d\", 5, 5) | \"+5  5\"",
        "format(\"%f\", 1.5) | \"1.500000\"",
        "format(\"%.2F\", 2) | \"2.00\"",
        "format(\"%e\", 12345.678) | \"1.234568e+04\"",
        "format(\"%.2E\", 0.000123) | \"1.23E-04\"",
        "format(\"%g\", 0.0001) | \"0.0001\"",
        "format(\"%g\", 0.00001) | \"1e-05\"",
        "format(\"%g\", 123456) | \"123456\"",
        "format(\"%g\", 1234567) | \"1.23457e+06\"",
        "format(\"%g\", 100.0) | \"100\"",
        "format(\"%G\", 1e-10) | \"1E-10\"",
        "format(\"%.3g\", 3.14159) | \"3.14\"",
        "format(\"%s\", [1, 2]) | \"[1,2]\"",
        "format(\"%.2s\", \"abc\") | \"ab\"",
        "format(\"%8.3f\", -3.14159) | \"  -3.142\"",
        "format(\"no conversions\") | \"no conversions\"",
      })
  void format_behavesLikePrintf(String text, String expected) {
    assertEquals(expected, eval(text));
  }

  @Test
  void format_reportsMisuse() {
    assertEquals(
        "format(): not enough arguments: '%d' is conversion 2 but only 1 value(s) follow the format"
            + " — add the missing value",
        error("format(\"%d-%d\", 1)").message());
    assertEquals(
        "format(): 1 value(s) left over after the last conversion of \"%d\" — add a conversion for"
            + " each value or remove the extra ones",
        error("format(\"%d\", 1, 2)").message());
    assertEquals(
        "format(): '%d' needs an integer, got float 2.5 — use %f for numbers with a fraction, or"
            + " floor()",
        error("format(\"%d\", 2.5)").message());
    assertEquals("invalid arguments", error("format(\"%x\", 1)").kind());
    assertEquals("invalid arguments", error("format(\"%f\", \"a\")").kind());
    assertEquals("invalid arguments", error("format(\"50%\")").kind());
    assertEquals("invalid arguments", error("format(1)").kind());
  }
}
