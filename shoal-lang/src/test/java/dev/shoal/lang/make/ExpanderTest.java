package dev.shoal.lang.make;

import static dev.shoal.lang.make.Expander.Mode.COMMAND;
import static dev.shoal.lang.make.Expander.Mode.FILES;
import static dev.shoal.lang.make.Expander.Mode.VALUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpanderTest {
  private static final Map<String, String> VARS =
      Map.of(
          "A", "1",
          "LIST", "x y",
          "NESTED", "[$(A)]",
          "LITERAL", "\\$A",
          "SELF", "$(SELF)",
          "QUOTED", "\"a b\"");

  private static String expand(String text, Expander.Mode mode) throws LineError {
    return Expander.expand(text, VARS::get, mode);
  }

  @Test
  void expand_threeReferenceForms_sameValue() throws Exception {
    assertEquals("1 1 1 1.txt", expand("$A $(A) ${A} $A.txt", COMMAND));
  }

  @Test
  void expand_quotes_keptAndSingleQuotesLiteral() throws Exception {
    assertEquals(
        "\"x y\" '$(LIST)' \"it's\" \"a b\"",
        expand("\"$(LIST)\" '$(LIST)' \"it's\" $(QUOTED)", COMMAND));
  }

  @Test
  void expand_commandSubstitution_readAgainAsCommand() throws Exception {
    assertEquals("[1] $A", expand("$(NESTED) $(LITERAL)", COMMAND));
  }

  @Test
  void expand_valueSubstitution_insertedAsItIs() throws Exception {
    assertEquals("[$(A)] \\$A", expand("$(NESTED) $(LITERAL)", VALUE));
  }

  @Test
  void expand_commandEscapes_backslashDroppedControlsOnlyInDoubleQuotes() throws Exception {
    assertEquals(
        "$A \\$ n # \"a\tb\" 'a\\tb'", expand("\\$A \\\\\\$ \\n \\# \"a\\tb\" 'a\\\\tb'", COMMAND));
  }

  @Test
  void expand_valueEscapes_controlsOutsideSingleQuotes() throws Exception {
    assertEquals("a\tb\nc# 'n'", expand("a\\tb\\nc\\# '\\n'", VALUE));
  }

  @Test
  void expand_fileEscapes_keptForTheFileList() throws Exception {
    assertEquals("a\\ b \\$A 1", expand("a\\ b \\$A $A", FILES));
  }

  @Test
  void expand_dollarNotFollowedByName_kept() throws Exception {
    assertEquals("$ $$ $? a$", expand("$ $$ $? a$", COMMAND));
  }

  @Test
  void expand_selfReference_stopsAtDepthLimit() {
    LineError e = assertThrows(LineError.class, () -> expand("$(SELF)", COMMAND));
    assertEquals(
        "variable SELF expands more than 32 levels deep — a value refers to itself; write \\$ for"
            + " a literal $",
        e.getMessage());
  }

  @Test
  void expand_unclosedBrace_isAnError() {
    assertThrows(LineError.class, () -> expand("${A", COMMAND));
  }
}
