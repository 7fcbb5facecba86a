package dev.shoal.engine.run;

import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.NodeStatus;
import java.util.ArrayList;
import java.util.List;

/** A journal that keeps its records as strings, and counts flushes. */
class RecordingJournal implements Journal {
  final List<String> records = new ArrayList<>();
  int flushes;

  @Override
  public void marker(Marker marker) {
    records.add(marker.name());
    flush();
  }

  @Override
  public void node(int rule, NodeStatus status, String jobId, Counts counts) {
    records.add("node " + rule + " " + status);
  }

  @Override
  public void file(String name, FileStatus status, long size) {
    records.add("file " + name + " " + status);
  }

  @Override
  public void gc(int collected, long elapsedMicros, long totalCollected) {
    records.add("gc " + collected);
  }

  @Override
  public void allocation(String category, dev.shoal.lang.model.Resources a) {
    records.add("allocation " + category + " " + a);
  }

  @Override
  public void flush() {
    flushes++;
  }

  @Override
  public void close() {}
}
