package dev.shoal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One chart as inline SVG: a plot area with grid, axes with tick labels and unit labels, a legend
 * row above, and what {@link #stepArea}, {@link #stepLine} and {@link #bar} draw. The x axis runs
 * from 0 to {@code xMax} and the y axis from 0 to a nice number at or above {@code yMax}. Single
 * use: draw, then {@link #render} once. Markup is XML-compatible.
 */
final class SvgPlot {
  static final String[] PALETTE = {
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac"
  };

  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 34;
  private static final int BOTTOM = 50;
  private static final int Y_TICKS = 5;

  private final int width;
  private final int height;
  private final String title;
  private final double xMax;
  private double yMax;
  private double yMinStep;
  private final String xLabel;
  private final String yLabel;
  private final StringBuilder body = new StringBuilder();
  private final List<String[]> legend = new ArrayList<>();
  private List<String> xTickLabels;
  private String note;

  SvgPlot(
      int width, int height, String title, double xMax, double yMax, String xLabel, String yLabel) {
    this.width = width;
    this.height = height;
    this.title = title;
    this.xMax = xMax > 0 ? xMax : 1;
    this.yMax = Axis.niceMax(yMax, Y_TICKS);
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /**
   * Whole-number ticks on the y axis (for counts). Call before drawing: it may raise the top.
   *
   * @param dataMax the largest value to be drawn
   */
  SvgPlot countsOnY(double dataMax) {
    this.yMinStep = 1;
    this.yMax = Axis.niceMax(Math.max(dataMax, 1), Y_TICKS, 1);
    if (yMax <= dataMax) {
      yMax = Axis.niceMax(dataMax + 1, Y_TICKS, 1); // headroom above the highest bar
    }
    return this;
  }

  /** Category axis: label {@code i} centred under [i, i+1); {@code xMax} must be the count. */
  SvgPlot categoryTicks(List<String> labels) {
    this.xTickLabels = List.copyOf(labels);
    return this;
  }

  /** A message shown in the middle of the plot area (e.g. why it is empty). */
  SvgPlot note(String text) {
    this.note = text;
    return this;
  }

  double px(double x) {
    return LEFT + x / xMax * (width - LEFT - RIGHT);
  }

  double py(double y) {
    return height - BOTTOM - y / yMax * (height - TOP - BOTTOM);
  }

  /** A filled step area under {@code s}; {@code label} null: no legend entry nor tooltip. */
  void stepArea(StepSeries s, String color, String label, double opacity) {
    if (s.isEmpty()) {
      return;
    }
    StringBuilder d = new StringBuilder();
    d.append("M").append(f(px(s.x()[0]))).append(',').append(f(py(0)));
    appendSteps(s, d);
    d.append("L").append(f(px(s.x()[s.x().length - 1]))).append(',').append(f(py(0))).append('Z');
    body.append("<path d=\"")
        .append(d)
        .append("\" fill=\"")
        .append(color)
        .append("\" fill-opacity=\"")
        .append(f(opacity))
        .append("\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"1.5\">")
        .append(label == null ? "" : "<title>" + Html.escape(label) + "</title>")
        .append("</path>\n");
    if (label != null) {
      legend.add(new String[] {color, label});
    }
  }

  /** A step line along {@code s}, without a fill, with a dot (and tooltip) at each change. */
  void stepLine(StepSeries s, String color, String label, double strokeWidth) {
    if (s.isEmpty()) {
      return;
    }
    StringBuilder d = new StringBuilder();
    d.append("M").append(f(px(s.x()[0]))).append(',').append(f(py(s.y()[0])));
    appendSteps(s, d);
    body.append("<path d=\"")
        .append(d)
        .append("\" fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"")
        .append(f(strokeWidth))
        .append("\" stroke-linejoin=\"round\"><title>")
        .append(Html.escape(label))
        .append("</title></path>\n");
    for (int i = 0; i + 1 < s.x().length; i++) {
      if (i == 0 || s.y()[i] != s.y()[i - 1]) {
        body.append(
                String.format(
                    Locale.ROOT,
                    "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"><title>",
                    f(px(s.x()[i])),
                    f(py(s.y()[i])),
                    f(strokeWidth + 1.5),
                    color))
            .append(Html.escape(label + ": " + Fmt.num(s.y()[i]) + " from " + Fmt.num(s.x()[i])))
            .append("</title></circle>\n");
      }
    }
    legend.add(new String[] {color, label});
  }

  /** A rectangle from ({@code x0}, {@code y0}) to ({@code x1}, {@code y1}) with a tooltip. */
  void bar(double x0, double x1, double y0, double y1, String color, String tooltip) {
    body.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\">",
                f(px(x0)),
                f(py(y1)),
                f(px(x1) - px(x0)),
                f(py(y0) - py(y1)),
                color))
        .append("<title>")
        .append(Html.escape(tooltip))
        .append("</title></rect>\n");
  }

  /** Adds a legend entry without drawing (for bars). */
  void legendEntry(String color, String label) {
    legend.add(new String[] {color, label});
  }

  private void appendSteps(StepSeries s, StringBuilder d) {
    for (int i = 0; i < s.x().length; i++) {
      if (i > 0) {
        d.append("H").append(f(px(s.x()[i])));
      }
      d.append("V").append(f(py(s.y()[i])));
    }
  }

  /** The {@code <svg>} element. */
  String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" role=\"img\"><title>%s</title>\n",
            width,
            height,
            width,
            height,
            Html.escape(title)));
    int plotRight = width - RIGHT;
    for (double t : Axis.ticks(yMax, Y_TICKS, yMinStep)) {
      double y = py(t);
      sb.append(line(LEFT, y, plotRight, y, "grid"));
      sb.append(text(LEFT - 8, y + 4, "end", Fmt.num(t)));
    }
    if (xTickLabels != null) {
      int every = Math.max(1, (int) Math.ceil(xTickLabels.size() / 14.0));
      for (int i = 0; i < xTickLabels.size(); i += every) {
        sb.append(text(px(i + 0.5), height - BOTTOM + 18, "middle", xTickLabels.get(i)));
      }
    } else {
      for (double t : Axis.ticks(xMax, 10)) {
        if (t <= xMax * 1.0001) {
          double x = px(t);
          sb.append(line(x, height - BOTTOM, x, height - BOTTOM + 5, "axis"));
          sb.append(text(x, height - BOTTOM + 18, "middle", Fmt.num(t)));
        }
      }
    }
    sb.append(body);
    sb.append(line(LEFT, height - BOTTOM, plotRight, height - BOTTOM, "axis"));
    sb.append(line(LEFT, TOP, LEFT, height - BOTTOM, "axis"));
    sb.append(text((LEFT + plotRight) / 2.0, height - 10, "middle", xLabel));
    double midY = (TOP + height - BOTTOM) / 2.0;
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s"
                + "</text>\n",
            f(midY),
            f(midY),
            Html.escape(yLabel)));
    double lx = LEFT;
    for (String[] e : legend) {
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%s\" y=\"10\" width=\"14\" height=\"14\" fill=\"%s\"/>",
              f(lx),
              e[0]));
      sb.append(text(lx + 20, 22, "start", e[1]));
      lx += 40 + e[1].length() * 7.2;
    }
    if (note != null) {
      sb.append("<text class=\"note\" x=\"")
          .append(f((LEFT + plotRight) / 2.0))
          .append("\" y=\"")
          .append(f(midY))
          .append("\" text-anchor=\"middle\">")
          .append(Html.escape(note))
          .append("</text>\n");
    }
    return sb.append("</svg>\n").toString();
  }

  private static String line(double x1, double y1, double x2, double y2, String cls) {
    return String.format(
        Locale.ROOT,
        "<line class=\"%s\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n",
        cls,
        f(x1),
        f(y1),
        f(x2),
        f(y2));
  }

  private static String text(double x, double y, String anchor, String s) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\">%s</text>\n",
        f(x),
        f(y),
        anchor,
        Html.escape(s));
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
