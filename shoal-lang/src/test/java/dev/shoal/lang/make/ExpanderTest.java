package dev.shoal.lang.make;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpanderTest {
  private static final Map<String, String> VARS =
      Map.of("A", "1", "LIST", "x y", "NESTED", "[$(A)]", "LITERAL", "\\$A", "SELF", "$(SELF)");

  private static String expand(String text) throws LineError {
    return Expander.expand(text, VARS::get, false);
  }

  @Test
  void expand_threeReferenceForms_sameValue() throws Exception {
    assertEquals("1 1 1 1.txt", expand("$A $(A) ${A} $A.txt"));
  }

  @Test
  void expand_quotes_keptAndSingleQuotesLiteral() throws Exception {
    assertEquals("\"x y\" '$(LIST)' \"it's\"", expand("\"$(LIST)\" '$(LIST)' \"it's\""));
  }

  @Test
  void expand_nestedValue_expandedAgain() throws Exception {
    assertEquals("[1] $A", expand("$(NESTED) $(LITERAL)"));
  }

  @Test
  void expand_escapes_dollarAndBackslashOnlyOutsideValues() throws Exception {
    assertEquals("$A \\$ \\n \\#", expand("\\$A \\\\\\$ \\n \\#"));
    assertEquals("a\tb\nc#", Expander.expand("a\\tb\\nc\\#", VARS::get, true));
  }

  @Test
  void expand_dollarNotFollowedByName_kept() throws Exception {
    assertEquals("$ $$ $? a$", expand("$ $$ $? a$"));
  }

  @Test
  void expand_selfReference_stopsAtDepthLimit() {
    LineError e = assertThrows(LineError.class, () -> expand("$(SELF)"));
    assertEquals(
        "variable SELF expands more than 32 levels deep — a value refers to itself; write \\$ for"
            + " a literal $",
        e.getMessage());
  }

  @Test
  void expand_unclosedBrace_isAnError() {
    assertThrows(LineError.class, () -> expand("${A"));
  }
}
