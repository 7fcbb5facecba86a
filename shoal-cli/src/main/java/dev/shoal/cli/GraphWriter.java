package dev.shoal.cli;

import dev.shoal.engine.dag.Dag;
import java.io.PrintWriter;

/** Writes a workflow graph: rules as ellipses labelled with their program, files as boxes. */
final class GraphWriter {
  private GraphWriter() {}

  static void dot(Dag dag, PrintWriter out) {
    out.println("digraph \"" + esc(dag.workflow().file().getFileName().toString()) + "\" {");
    out.println("  rankdir=TB;");
    out.println("  node [fontname=\"Helvetica\", fontsize=10];");
    for (int r = 0; r < dag.ruleCount(); r++) {
      out.printf(
          "  R%d [shape=ellipse, style=filled, fillcolor=\"#cfe2f3\", label=\"%s\"];%n",
          r, esc(program(dag.rule(r).command())));
    }
    for (int f = 0; f < dag.fileCount(); f++) {
      out.printf("  F%d [shape=box, label=\"%s\"];%n", f, esc(dag.fileName(f)));
    }
    for (int r = 0; r < dag.ruleCount(); r++) {
      final int rule = r;
      dag.forEachSource(r, f -> out.printf("  F%d -> R%d;%n", f, rule));
      dag.forEachTarget(r, f -> out.printf("  R%d -> F%d;%n", rule, f));
    }
    out.println("}");
  }

  static void json(Dag dag, PrintWriter out) {
    out.println("{\"rules\":[");
    for (int r = 0; r < dag.ruleCount(); r++) {
      StringBuilder sb = new StringBuilder();
      sb.append("{\"id\":").append(r).append(",\"command\":\"");
      sb.append(esc(dag.rule(r).command())).append("\",\"inputs\":[");
      appendFiles(dag, dag.sources(r), sb);
      sb.append("],\"outputs\":[");
      appendFiles(dag, dag.targets(r), sb);
      sb.append("]}").append(r + 1 < dag.ruleCount() ? "," : "");
      out.println(sb);
    }
    out.println("]}");
  }

  private static void appendFiles(Dag dag, int[] files, StringBuilder sb) {
    for (int i = 0; i < files.length; i++) {
      sb.append(i > 0 ? "," : "").append('"').append(esc(dag.fileName(files[i]))).append('"');
    }
  }

  /** The first word of a command: what a person recognises in a picture. */
  static String program(String command) {
    String c = command.strip();
    int sp = c.indexOf(' ');
    String first = sp < 0 ? c : c.substring(0, sp);
    int slash = first.lastIndexOf('/');
    return slash >= 0 ? first.substring(slash + 1) : first;
  }

  static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    return sb.toString();
  }
}
