package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.wire.TaskId;
import dev.shoal.wire.TaskSpec;
import dev.shoal.worker.WorkerOptions.HostPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class AmountsAndNamesTest {
  private static final Amounts TOTAL = new Amounts(4, 1000, 1000, 0);

  @Test
  void fitsNow_sumWithinTotal_forEveryResource() {
    Amounts task = new Amounts(2, 400, 10, 0);
    assertTrue(task.fitsNow(Amounts.ZERO, TOTAL));
    assertTrue(task.fitsNow(new Amounts(2, 600, 990, 0), TOTAL));
    assertFalse(task.fitsNow(new Amounts(3, 0, 0, 0), TOTAL));
    assertFalse(task.fitsNow(new Amounts(0, 601, 0, 0), TOTAL));
    assertFalse(task.fitsNow(new Amounts(0, 0, 991, 0), TOTAL));
    assertFalse(new Amounts(0, 0, 0, 1).fitsNow(Amounts.ZERO, TOTAL));
  }

  @Test
  void requestedBy_noResources_takesWholeWorker_elseUndeclaredIsZero() {
    TaskSpec bare = TaskSpec.of(new TaskId(1), "true");
    assertEquals(TOTAL, Amounts.requestedBy(bare, TOTAL));
    TaskSpec cores =
        new TaskSpec(
            new TaskId(2),
            "true",
            Optional.empty(),
            Optional.empty(),
            Optional.of(1.0),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertEquals(new Amounts(1, 0, 0, 0), Amounts.requestedBy(cores, TOTAL));
  }

  @Test
  void minus_neverNegative() {
    assertEquals(Amounts.ZERO, new Amounts(1, 1, 1, 1).minus(new Amounts(1.0000001, 2, 2, 2)));
  }

  @Test
  void sandboxNames_absoluteOrDotDot_refused() {
    assertNull(SafeNames.sandboxNameProblem("out.txt"));
    assertNull(SafeNames.sandboxNameProblem("d/sub/out.txt"));
    assertNull(SafeNames.sandboxNameProblem("..hidden"));
    assertNotNull(SafeNames.sandboxNameProblem("../evil"));
    assertNotNull(SafeNames.sandboxNameProblem("a/../../evil"));
    assertNotNull(SafeNames.sandboxNameProblem("a/.."));
    assertNotNull(SafeNames.sandboxNameProblem("/etc/x"));
    assertNotNull(SafeNames.sandboxNameProblem(""));
    assertNotNull(SafeNames.sandboxNameProblem("."));
  }

  @Test
  void cacheNames_slashOrDots_refused() {
    assertNull(SafeNames.cacheNameProblem("file-0-abc-in.txt"));
    assertNotNull(SafeNames.cacheNameProblem("a/b"));
    assertNotNull(SafeNames.cacheNameProblem(".."));
    assertNotNull(SafeNames.cacheNameProblem("."));
    assertNotNull(SafeNames.cacheNameProblem(""));
  }

  @Test
  void backoff_doublesUpToMax_andResets() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertEquals(
        List.of(1L, 2L, 4L, 5L, 5L),
        List.of(b.next(), b.next(), b.next(), b.next(), b.next()).stream()
            .map(Duration::toSeconds)
            .toList());
    b.reset();
    assertEquals(Duration.ofSeconds(1), b.next());
  }

  @Test
  void catalog_matchesProjectWholeName_wqMastersOnly() throws Exception {
    String json =
        """
        [{"type":"wq_master","project":"alpha","name":"h1","address":"10.0.0.1","port":9123},
         {"type":"wq_master","project":"alphabet","name":"h2","port":9124},
         {"type":"catalog","project":"alpha","name":"c","port":9097},
         {"type":"wq_master","project":"beta","name":"h3","address":"10.0.0.3","port":1}]
        """;
    assertEquals(
        List.of(new HostPort("10.0.0.1", 9123)),
        CatalogLookup.matching(json, List.of(Pattern.compile("alpha"))));
    assertEquals(
        List.of(new HostPort("10.0.0.1", 9123), new HostPort("h2", 9124)),
        CatalogLookup.matching(json, List.of(Pattern.compile("alpha.*"))));
  }

  @Test
  void catalog_protocolFromTheRecord_elevenWhenAccepted() throws Exception {
    String json =
        """
        [{"type":"wq_master","project":"shoal","name":"h","port":1,"protocol":9,
          "protocols_accepted":[9,11]},
         {"type":"wq_master","project":"cctools","name":"h","port":2,"protocol":9},
         {"type":"wq_master","project":"old","name":"h","port":3,"protocol":8}]
        """;
    List<CatalogLookup.Found> found =
        CatalogLookup.records(json, List.of(Pattern.compile(".*")), 11);
    assertEquals(List.of(11, 9, 11), found.stream().map(CatalogLookup.Found::protocol).toList());
    assertEquals(
        List.of(9, 9, 9),
        CatalogLookup.records(json, List.of(Pattern.compile(".*")), 9).stream()
            .map(CatalogLookup.Found::protocol)
            .toList());
  }
}
