package dev.shoal.lang.make;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.lang.model.FileRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileListTest {

  @Test
  void parse_whiteSpaceAndColons_separate() throws Exception {
    assertEquals(
        List.of(FileRef.of("a"), FileRef.of("b"), FileRef.of("c")), FileList.parse(" a\tb:c "));
  }

  @Test
  void parse_quotesAndEscapes_joinWords() throws Exception {
    assertEquals(
        List.of(FileRef.of("a b"), FileRef.of("c'd"), FileRef.of("e f")),
        FileList.parse("\"a b\" \"c'd\" e\\ f"));
  }

  @Test
  void parse_arrow_renamesAndDashesStay() throws Exception {
    assertEquals(
        List.of(new FileRef("a-b", "c--d"), FileRef.of("e----f"), new FileRef("g h", "i")),
        FileList.parse("a-b->c--d e----f \"g h\"->i"));
  }

  @Test
  void parse_arrowWithoutRemote_isAnError() {
    assertThrows(LineError.class, () -> FileList.parse("a-> b"));
    assertThrows(LineError.class, () -> FileList.parse("->b"));
  }

  @Test
  void parse_nothing_isEmpty() throws Exception {
    assertEquals(List.of(), FileList.parse("   "));
    assertEquals(List.of(), FileList.parse("\"\" ''"));
  }
}
