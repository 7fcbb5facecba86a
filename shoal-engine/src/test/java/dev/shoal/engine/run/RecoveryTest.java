package dev.shoal.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.engine.dag.Dag;
import dev.shoal.engine.log.FileStatus;
import dev.shoal.engine.log.NodeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryTest {
  @TempDir Path dir;

  private static PriorRun prior(Map<Integer, NodeStatus> nodes, Map<String, Long> created) {
    return new PriorRun() {
      @Override
      public NodeStatus status(int rule) {
        return nodes.get(rule);
      }

      @Override
      public String jobId(int rule) {
        return nodes.get(rule) == NodeStatus.RUNNING ? "4242" : "0";
      }

      @Override
      public FileStatus fileStatus(String file) {
        return created.containsKey(file) ? FileStatus.EXISTS : null;
      }

      @Override
      public long createdAt(String file) {
        return created.getOrDefault(file, -1L);
      }
    };
  }

  private Dag chain() throws IOException {
    Files.writeString(dir.resolve("in"), "x");
    return Dag.of(
        new Flows().rule("a", "in", "ma").rule("b", "a", "mb").rule("c", "b", "mc").build());
  }

  private void make(String name, long micros) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, name);
    Files.setLastModifiedTime(p, FileTime.from(micros, java.util.concurrent.TimeUnit.MICROSECONDS));
  }

  @Test
  void plan_allCompleteAndFilesPresent_nothingRuns() throws IOException {
    Dag dag = chain();
    long t = 1_700_000_000_000_000L;
    make("a", t);
    make("b", t);
    make("c", t);
    var p =
        Recovery.plan(
            dag,
            prior(
                Map.of(0, NodeStatus.COMPLETE, 1, NodeStatus.COMPLETE, 2, NodeStatus.COMPLETE),
                Map.of("a", t, "b", t, "c", t)),
            dir,
            false);
    assertEquals(3, p.complete().cardinality());
    assertEquals(List.of(), p.reset());
  }

  @Test
  void plan_runningRule_isResetWithItsDescendants() throws IOException {
    Dag dag = chain();
    long t = 1_700_000_000_000_000L;
    make("a", t);
    make("b", t);
    var p =
        Recovery.plan(
            dag,
            prior(
                Map.of(0, NodeStatus.COMPLETE, 1, NodeStatus.RUNNING, 2, NodeStatus.COMPLETE),
                Map.of("a", t, "c", t)),
            dir,
            false);
    assertEquals(1, p.complete().cardinality());
    assertEquals(List.of(1, 2), p.reset());
    assertEquals(List.of(new Recovery.StaleJob(1, "4242")), p.stale());
  }

  @Test
  void plan_deletedIntermediate_rerunsItsProducerAndDescendants() throws IOException {
    Dag dag = chain();
    long t = 1_700_000_000_000_000L;
    make("b", t);
    make("c", t);
    var p =
        Recovery.plan(
            dag,
            prior(Map.of(0, NodeStatus.COMPLETE, 1, NodeStatus.WAITING), Map.of("a", t, "b", t)),
            dir,
            false);
    assertEquals(0, p.complete().cardinality());
    assertEquals(List.of(0), p.reset());
    assertEquals(1, p.notes().size());
  }

  @Test
  void plan_collectedIntermediateWhoseReadersAreComplete_isNotMissing() throws IOException {
    Dag dag = chain();
    long t = 1_700_000_000_000_000L;
    make("b", t);
    make("c", t);
    var p =
        Recovery.plan(
            dag,
            prior(
                Map.of(0, NodeStatus.COMPLETE, 1, NodeStatus.COMPLETE, 2, NodeStatus.COMPLETE),
                Map.of("a", t, "b", t, "c", t)),
            dir,
            false);
    assertEquals(3, p.complete().cardinality());
  }

  @Test
  void plan_modifiedIntermediate_rerunsItsReaders() throws IOException {
    Dag dag = chain();
    long t = 1_700_000_000_000_000L;
    make("a", t);
    make("b", t + 60_000_000L);
    make("c", t);
    var p =
        Recovery.plan(
            dag,
            prior(
                Map.of(0, NodeStatus.COMPLETE, 1, NodeStatus.COMPLETE, 2, NodeStatus.COMPLETE),
                Map.of("a", t, "b", t, "c", t)),
            dir,
            false);
    assertEquals(2, p.complete().cardinality());
    assertEquals(List.of(2), p.reset());
  }

  @Test
  void plan_skipFileCheck_trustsTheLog() throws IOException {
    Dag dag = chain();
    var p =
        Recovery.plan(
            dag,
            prior(
                Map.of(0, NodeStatus.COMPLETE, 1, NodeStatus.COMPLETE, 2, NodeStatus.COMPLETE),
                Map.of()),
            dir,
            true);
    assertEquals(3, p.complete().cardinality());
  }
}
