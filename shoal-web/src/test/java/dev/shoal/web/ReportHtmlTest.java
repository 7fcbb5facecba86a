package dev.shoal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportHtmlTest {

  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(false);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  static List<String> ids(Document d, String tag) {
    List<String> ids = new ArrayList<>();
    NodeList n = d.getElementsByTagName(tag);
    for (int i = 0; i < n.getLength(); i++) {
      ids.add(((Element) n.item(i)).getAttribute("id"));
    }
    return ids;
  }

  @Test
  void render_syntheticRun_isWellFormedWithTheFourCharts(@TempDir Path dir) throws Exception {
    String html = ReportHtml.render(RunHistoryTest.synthetic(dir));
    Document d = parse(html);
    assertEquals("html", d.getDocumentElement().getTagName());
    assertEquals(
        List.of("", "chart-cores", "chart-walltime", "chart-running", "chart-allocation", ""),
        ids(d, "h2"));
    // (a), (b), (c), and (d) as two panels: cores and memory
    NodeList svgs = d.getElementsByTagName("svg");
    assertEquals(5, svgs.getLength());
    List<String> titles = new ArrayList<>();
    for (int i = 0; i < svgs.getLength(); i++) {
      titles.add(((Element) svgs.item(i)).getElementsByTagName("title").item(0).getTextContent());
    }
    assertEquals(
        List.of(
            "Cores allocated and in use",
            "Task wall times",
            "Tasks running",
            "Allocation per category: cores",
            "Allocation per category: memory"),
        titles);
    assertEquals(List.of("categories"), ids(d, "table"));
    assertEquals(2 + 3, d.getElementsByTagName("tr").getLength(), "2 head rows, w, x, all");
    assertTrue(html.contains("<td>38%</td>"), "CPU used/allocated of w");
    assertTrue(html.contains("cores allocated (running tasks)"));
    assertTrue(html.contains("time since start (s)"));
    assertTrue(html.contains("cores=lots"), "the warning is listed");
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("NaN"), "no unknown number leaks into the markup");
  }

  @Test
  void render_cctoolsLog_hasNotesInsteadOfEmptyCharts() throws Exception {
    String html =
        ReportHtml.render(
            RunHistory.read(
                RunHistoryTest.CCTOOLS.resolve("fail-rerun.makeflowlog"),
                "fail-rerun",
                Map.of(),
                null));
    parse(html);
    assertTrue(html.contains("no allocations in the log and no resource summaries"), html);
    assertTrue(html.contains("no cores allocations in the log"), html);
    assertTrue(html.contains("2 runs (restarts) in one log"), html);
    assertFalse(html.contains("NaN"));
  }

  @Test
  void render_markupInNames_isEscaped() throws Exception {
    RunHistory h =
        RunHistory.of(
            "a<b>&\"c\"",
            List.of(
                new dev.shoal.engine.log.LogRecord.Other("# ALLOCATION 5 <x>& cores=1"),
                dev.shoal.engine.log.LogRecord.NodeState.withoutCounts(
                    10, 0, dev.shoal.engine.log.NodeStatus.RUNNING, 1),
                dev.shoal.engine.log.LogRecord.NodeState.withoutCounts(
                    20, 0, dev.shoal.engine.log.NodeStatus.COMPLETE, 1)),
            Map.of(0, "<x>&"),
            Map.of());
    String html = ReportHtml.render(h);
    Document d = parse(html);
    assertEquals("Run report: a<b>&\"c\"", d.getElementsByTagName("h1").item(0).getTextContent());
    assertTrue(html.contains("&lt;x&gt;&amp;"));
  }

  @Test
  void render_sameHistory_sameBytes(@TempDir Path dir) throws IOException {
    RunHistory h = RunHistoryTest.synthetic(dir);
    assertEquals(ReportHtml.render(h), ReportHtml.render(h));
  }
}
