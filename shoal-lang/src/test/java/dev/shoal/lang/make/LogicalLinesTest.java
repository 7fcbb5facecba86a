package dev.shoal.lang.make;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogicalLinesTest {

  private static List<String> lines(String text) throws Exception {
    LogicalLines lines = new LogicalLines(new BufferedReader(new StringReader(text)));
    List<String> out = new ArrayList<>();
    for (LogicalLines.SourceLine l = lines.next(); l != null; l = lines.next()) {
      out.add(l.number() + ":" + l.text());
    }
    return out;
  }

  @Test
  void next_continuation_joinsWithOneSpaceAndKeepsFirstLineNumber() throws Exception {
    assertEquals(List.of("1:a  b c", "4:d"), lines("a \\\nb\\\nc\nd\n"));
  }

  @Test
  void next_escapedBackslashAtEnd_doesNotContinue() throws Exception {
    assertEquals(List.of("1:a\\\\", "2:b"), lines("a\\\\\nb\n"));
  }

  @Test
  void next_commentLine_neverContinues() throws Exception {
    assertEquals(List.of("1:# note \\", "2:x=1"), lines("# note \\\nx=1\r\n"));
  }

  @Test
  void next_continuationAtEndOfText_dropped() throws Exception {
    assertEquals(List.of("1:\techo \\\\ \tdone  "), lines("\techo \\\\\\\n\tdone \\\n"));
  }
}
