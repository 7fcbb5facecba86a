package dev.shoal.web;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: first column left-aligned, the others right-aligned, two spaces apart. */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();

  TextTable(String... header) {
    rows.add(header);
  }

  TextTable row(String... cells) {
    if (cells.length != rows.getFirst().length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, header " + rows.getFirst().length);
    }
    rows.add(cells);
    return this;
  }

  /** The table, each line ending in {@code \n}, no trailing spaces. */
  String render() {
    int[] width = new int[rows.getFirst().length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        if (i == 0) {
          line.append(r[i]).append(" ".repeat(width[i] - r[i].length()));
        } else {
          line.append("  ").append(" ".repeat(width[i] - r[i].length())).append(r[i]);
        }
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }
}
