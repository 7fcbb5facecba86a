package dev.shoal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTextTest {

  @Test
  void render_syntheticRun_matchesGolden(@TempDir Path dir) throws IOException {
    String text = ReportText.render(RunHistoryTest.synthetic(dir));
    String expected =
        """
        Run report: tiny
          duration 11 s, 1 run; rules: 2 of 3 complete, 1 failed; 3 task attempts (1 failed)
          CPU used / allocated: 9 / 24 core-s = 38%; memory used / allocated: 2900 / 12000 MB-s = 24%
          settled cores used/allocated: 0.38 (2 attempts after sizing settled)
          2 of 3 attempts have a resource summary; used/allocated counts those only

        category  attempts  done  failed  wall mean  wall max  cores max  mem mean  mem max  disk max  alloc cores  alloc mem  alloc disk  CPU use  mem use
        w                2     2       0        7 s      10 s        1.2    175 MB   250 MB     30 MB            1     500 MB           -      38%      24%
        x                1     0       1        1 s       1 s          -         -        -         -            1     200 MB           -        -        -
        all              3     2       1        5 s      10 s        1.2    175 MB   250 MB     30 MB            -          -           -      38%      24%

        note: malformed allocation line "# ALLOCATION 1795540010500000 w cores=lots": value of cores is not a number; ignored
        """;
    assertEquals(expected, text.replace(dir.toString(), "DIR"));
  }

  @Test
  void render_cctoolsLogWithoutSizing_saysWhatIsMissing() throws IOException {
    String text =
        ReportText.render(
            RunHistory.read(
                RunHistoryTest.CCTOOLS.resolve("chain.makeflowlog"), "chain", Map.of(), null));
    assertTrue(text.contains("rules: 3 of 3 complete, 0 failed"), text);
    assertTrue(text.contains("no resource summaries"), text);
    assertTrue(text.contains("no allocations in the log"), text);
    assertTrue(text.lines().noneMatch(l -> l.endsWith(" ")), "trailing spaces:\n" + text);
  }

  @Test
  void render_tornLastLine_listsTheWarning(@TempDir Path dir) throws IOException {
    Path log = dir.resolve("l");
    Files.writeString(log, "1 0 1 5\n2 0 2 5\n3 1 1");
    String text = ReportText.render(RunHistory.read(log, "l", Map.of(), null));
    assertTrue(text.contains("note: ") && text.contains("unfinished last line"), text);
  }
}
