package dev.shoal.engine.run;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.NodeStatus;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/** The journal kept in the makeflow transaction log. Interim implementation. */
public final class LogJournal implements Journal {
  private final FileChannel channel;
  private final LongSupplier micros;
  private final StringBuilder buf = new StringBuilder(1 << 16);

  private LogJournal(FileChannel channel, LongSupplier micros) {
    this.channel = channel;
    this.micros = micros;
  }

  public static LogJournal open(Path log, Dag dag, boolean verbose, LongSupplier micros)
      throws IOException {
    FileChannel ch =
        FileChannel.open(
            log, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new LogJournal(ch, micros);
  }

  public static PriorRun replay(Path log) throws IOException {
    Map<Integer, NodeStatus> nodes = new HashMap<>();
    Map<Integer, String> jobs = new HashMap<>();
    Map<String, FileStatus> files = new HashMap<>();
    Map<String, Long> created = new HashMap<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      String[] f = line.split(" ");
      if (line.startsWith("# FILE ") && f.length >= 6) {
        FileStatus s = FileStatus.fromCode(Integer.parseInt(f[4]));
        files.put(f[3], s);
        if (s == FileStatus.EXISTS) {
          created.put(f[3], Long.parseLong(f[2]));
        }
      } else if (!line.startsWith("#") && f.length >= 10) {
        int id = Integer.parseInt(f[1]);
        nodes.put(id, NodeStatus.fromCode(Integer.parseInt(f[2])));
        jobs.put(id, f[3]);
      }
    }
    return new PriorRun() {
      @Override
      public NodeStatus status(int rule) {
        return nodes.get(rule);
      }

      @Override
      public String jobId(int rule) {
        return jobs.get(rule);
      }

      @Override
      public FileStatus fileStatus(String file) {
        return files.get(file);
      }

      @Override
      public long createdAt(String file) {
        return created.getOrDefault(file, -1L);
      }
    };
  }

  @Override
  public void marker(Marker marker) throws IOException {
    buf.append("# ").append(marker.name()).append(' ').append(micros.getAsLong()).append('\n');
    flush();
  }

  @Override
  public void node(int rule, NodeStatus status, String jobId, Counts c) {
    buf.append(micros.getAsLong()).append(' ').append(rule).append(' ').append(status.code());
    buf.append(' ').append(jobId).append(' ').append(c.waiting()).append(' ').append(c.running());
    buf.append(' ').append(c.complete()).append(' ').append(c.failed()).append(' ');
    buf.append(c.aborted()).append(' ').append(c.total()).append('\n');
  }

  @Override
  public void file(String name, FileStatus status, long size) {
    buf.append("# FILE ").append(micros.getAsLong()).append(' ').append(name).append(' ');
    buf.append(status.code()).append(' ').append(size).append('\n');
  }

  @Override
  public void gc(int collected, long elapsedMicros, long totalCollected) {
    buf.append("# GC ").append(micros.getAsLong()).append(' ').append(collected).append(' ');
    buf.append(elapsedMicros).append(' ').append(totalCollected).append('\n');
  }

  @Override
  public void flush() throws IOException {
    if (buf.isEmpty()) {
      return;
    }
    var bytes = java.nio.ByteBuffer.wrap(buf.toString().getBytes(StandardCharsets.UTF_8));
    buf.setLength(0);
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    flush();
    channel.close();
  }
}
