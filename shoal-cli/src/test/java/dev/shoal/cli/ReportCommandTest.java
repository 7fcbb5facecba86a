package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shoal report} on a real run of a small workflow. */
class ReportCommandTest {
  @TempDir Path dir;

  private void ranTwoCategories() throws IOException {
    Files.writeString(dir.resolve("in.txt"), "x\n");
    Files.writeString(
        dir.resolve("Makeflow"),
        "CATEGORY=copy\nmid.txt: in.txt\n\tcp in.txt mid.txt\n"
            + "CATEGORY=final\nout.txt: mid.txt\n\tcp mid.txt out.txt\n");
    Cli.Result run = Cli.makeflow(dir);
    assertEquals(0, run.exit(), run.err());
  }

  /** {@code shoal report -X dir args...}, output captured. */
  private Cli.Result report(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "report";
    all[1] = "-X";
    all[2] = dir.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute("shoal", all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli.Result(code, out.toString(), err.toString());
  }

  @Test
  void report_afterRun_printsTheTableAndWritesTheHtml() throws IOException {
    ranTwoCategories();
    Files.createDirectories(dir.resolve("mon"));
    Files.writeString(
        dir.resolve("mon/resource-rule-000001.summary"),
        "{\"cpu_time\": [0.5, \"s\"], \"memory\": [12, \"MB\"]}");
    Cli.Result r = report("--monitor", "mon", "--html", "r.html");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("Run report: "), r.out());
    assertTrue(r.out().contains("rules: 2 of 2 complete, 0 failed"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("copy ")), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("final ")), r.out());
    assertTrue(r.out().contains("1 of 2 attempts have a resource summary"), r.out());
    String html = Files.readString(dir.resolve("r.html"));
    assertTrue(html.contains("<svg") && html.contains("chart-allocation"), html);
    assertTrue(r.out().contains("HTML report: "), r.out());
  }

  @Test
  void report_withoutLog_exitsTwoSayingRunFirst() throws IOException {
    Files.writeString(dir.resolve("Makeflow"), "a:\n\ttouch a\n");
    Cli.Result r = report();
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("run the workflow first"), r.err());
  }

  @Test
  void report_htmlOverTheWorkflow_isRefused() throws IOException {
    ranTwoCategories();
    Cli.Result r = report("--html", "Makeflow");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("would overwrite"), r.err());
    assertTrue(Files.readString(dir.resolve("Makeflow")).startsWith("CATEGORY=copy"));
  }

  @Test
  void report_brokenWorkflow_stillReportsWithoutCategories() throws IOException {
    ranTwoCategories();
    Files.writeString(dir.resolve("Makeflow"), "out.txt: $(\n");
    Cli.Result r = report();
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("reporting without categories"), r.err());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith("default ")), r.out());
    assertFalse(r.out().contains("copy"), r.out());
  }

  @Test
  void report_help_listsTheOptions() {
    Cli.Result r = report("--help");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("--html") && r.out().contains("--monitor"), r.out());
  }
}
