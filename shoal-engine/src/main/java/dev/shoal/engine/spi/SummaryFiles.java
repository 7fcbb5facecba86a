package dev.shoal.engine.spi;

import dev.shoal.monitor.Sample;
import dev.shoal.monitor.SeriesWriter;
import dev.shoal.monitor.Summary;
import dev.shoal.monitor.SummaryJson;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The resource summaries of {@code --monitor=DIR}: each rule's {@code .summary} (and, where the
 * back end has the samples, its {@code .series}) in DIR, named as makeflow names them. Every back
 * end that measures its tasks writes through one of these, so DIR looks the same whatever ran the
 * rules.
 *
 * <p>Files are written on a thread of their own, off the path from one task's end to the next
 * task's start, each whole or not at all (a temporary file, then a rename); a later attempt of a
 * rule replaces the summary of an earlier one. {@link #write} may be called from any thread; {@link
 * #close} waits for what was queued.
 */
public final class SummaryFiles implements AutoCloseable {
  /** makeflow's summary names: {@code resource-rule-000042.summary}. */
  public static final String DEFAULT_FORMAT = "resource-rule-%06d";

  private static final System.Logger LOG = System.getLogger(SummaryFiles.class.getName());

  private final Path dir;
  private final String logFormat;
  private final ExecutorService writer;

  private SummaryFiles(Path dir, String logFormat) {
    this.dir = dir;
    this.logFormat = logFormat;
    this.writer =
        dir == null
            ? null
            : Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().daemon().name("shoal-summaries").unstarted(r));
  }

  /** Writes nothing. */
  public static SummaryFiles none() {
    return new SummaryFiles(null, DEFAULT_FORMAT);
  }

  /**
   * Summaries in {@code dir} (created when the first one is written), or none when {@code dir} is
   * null.
   *
   * @param logFormat a rule's file name without extension: {@code %%} (as in makeflow) or a Java
   *     format such as {@code %06d} stands for the rule number
   */
  public static SummaryFiles in(Path dir, String logFormat) {
    return new SummaryFiles(dir, logFormat == null ? DEFAULT_FORMAT : logFormat);
  }

  /** Whether summaries are written at all. */
  public boolean enabled() {
    return dir != null;
  }

  /** The path of {@code rule}'s summary without extension; null when none are written. */
  public Path prefix(int rule) {
    if (dir == null) {
      return null;
    }
    String name =
        logFormat.contains("%%")
            ? logFormat.replace("%%", String.format("%06d", rule))
            : String.format(logFormat, rule);
    return dir.resolve(name);
  }

  /**
   * Queues {@code rule}'s summary, and its samples unless {@code series} is null. Does nothing when
   * summaries are not written. A file that cannot be written is logged; the run goes on.
   */
  public void write(int rule, Summary summary, List<Sample> series) {
    if (writer == null) {
      return;
    }
    try {
      writer.execute(() -> writeLogged(rule, summary, series));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.log(System.Logger.Level.WARNING, "resource summary of rule " + rule + " after close");
    }
  }

  private void writeLogged(int rule, Summary summary, List<Sample> series) {
    try {
      writeNow(rule, summary, series);
    } catch (IOException | RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot write the resource summary of rule " + rule + ": " + e.getMessage());
    }
  }

  private void writeNow(int rule, Summary summary, List<Sample> series) throws IOException {
    Path prefix = prefix(rule);
    Files.createDirectories(prefix.getParent());
    Path file = prefix.resolveSibling(prefix.getFileName() + ".summary");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, SummaryJson.write(summary, true), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    if (series != null) {
      Path s = prefix.resolveSibling(prefix.getFileName() + ".series");
      Path stmp = s.resolveSibling(s.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(stmp, StandardCharsets.UTF_8)) {
        SeriesWriter sw = new SeriesWriter(w);
        for (Sample sample : series) {
          sw.write(sample);
        }
      }
      Files.move(stmp, s, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** Waits (up to a minute) for the summaries queued so far; later writes are dropped. */
  @Override
  public void close() {
    if (writer == null) {
      return;
    }
    writer.shutdown();
    try {
      if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "resource summaries still being written after 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
