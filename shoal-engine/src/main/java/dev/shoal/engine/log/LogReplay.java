package dev.shoal.engine.log;

import dev.shoal.engine.log.LogRecord.Event;
import dev.shoal.engine.log.LogRecord.FileState;
import dev.shoal.engine.log.LogRecord.Gc;
import dev.shoal.engine.log.LogRecord.Marker;
import dev.shoal.engine.log.LogRecord.NodeState;
import dev.shoal.engine.log.LogRecord.Other;
import dev.shoal.engine.log.ReplayedLog.FileEntry;
import dev.shoal.engine.log.ReplayedLog.NodeEntry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Folds records, in log order, into a {@link ReplayedLog}. Single-threaded, single use. */
final class LogReplay {

  private final Map<Integer, NodeEntry> nodes = new HashMap<>();
  private final Map<String, FileEntry> files = new HashMap<>();
  private int runs;
  private Marker.Kind lastMarker;
  private long lines;
  private long ignored;

  void accept(LogRecord record) {
    lines++;
    switch (record) {
      case NodeState n ->
          nodes.put(n.nodeId(), new NodeEntry(n.status(), n.jobId(), n.timestampMicros()));
      case FileState f -> {
        long created =
            switch (f.status()) {
              case EXISTS -> f.timestampMicros();
              case UNKNOWN, EXPECT, DELETE -> -1;
              case COMPLETE, DOWN, UP -> {
                FileEntry before = files.get(f.name());
                yield before == null ? -1 : before.createdMicros();
              }
            };
        files.put(f.name(), new FileEntry(f.status(), f.size(), f.timestampMicros(), created));
      }
      case Marker m -> {
        if (m.kind() == Marker.Kind.STARTED) {
          runs++;
        }
        lastMarker = m.kind();
      }
      case Gc g -> {
        // Deletions are also logged one by one as FILE lines; the pass itself changes no state.
      }
      case Event e -> {
        // Events carry no workflow state.
      }
      case Other o -> ignored++;
    }
  }

  /** Counts an ignored line that produced no record (a torn last line). */
  void skipped() {
    lines++;
    ignored++;
  }

  ReplayedLog result(List<String> warnings) {
    return new ReplayedLog(nodes, files, runs, lastMarker, lines, ignored, warnings);
  }
}
