package dev.shoal.wq.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.lang.model.Resources;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingTest {
  private static final Capacity WORKER = new Capacity(4, 8000, 10000, 0);

  @Test
  void demand_noResources_takesWholeWorker() {
    assertEquals(WORKER, Capacity.demand(Resources.NONE, WORKER));
  }

  @Test
  void demand_coresOnly_getsProportionalMemoryAndDisk() {
    Capacity d = Capacity.demand(Resources.NONE.withCores(1), WORKER);
    assertEquals(new Capacity(1, 2000, 2500, 0), d);
  }

  @Test
  void demand_memoryOnly_roundsCoresUp() {
    Capacity d = Capacity.demand(Resources.NONE.withMemoryMb(3000), WORKER);
    assertEquals(2, d.cores());
    assertEquals(3000, d.memoryMb());
  }

  @Test
  void demand_moreThanWorker_doesNotFit() {
    Capacity d = Capacity.demand(Resources.NONE.withCores(8), WORKER);
    assertTrue(!WORKER.holds(d));
  }

  @Test
  void pick_severalTasksFitOnOneWorker() {
    WorkerState w = worker("a");
    Resources one = Resources.NONE.withCores(1);
    for (int i = 0; i < 4; i++) {
      WorkerState got = Matcher.pick(one, List.of(), List.of(w), null);
      assertSame(w, got, "task " + i);
      w.used = w.used.plus(Capacity.demand(one, w.total));
    }
    assertNull(Matcher.pick(one, List.of(), List.of(w), null));
  }

  @Test
  void pick_wholeWorkerTask_waitsForAnIdleWorker() {
    WorkerState w = worker("a");
    w.used = new Capacity(1, 0, 0, 0);
    assertNull(Matcher.pick(Resources.NONE, List.of(), List.of(w), null));
  }

  @Test
  void pick_prefersWorkerCachingTheInputs() {
    WorkerState a = worker("a");
    WorkerState b = worker("b");
    b.cached.put("file-0-x-in", 100L);
    assertSame(
        b, Matcher.pick(Resources.NONE.withCores(1), List.of("file-0-x-in"), List.of(a, b), null));
  }

  @Test
  void pick_spreadsOverWorkersWithoutCache() {
    WorkerState a = worker("a");
    WorkerState b = worker("b");
    a.tasks.put(1L, null);
    assertSame(b, Matcher.pick(Resources.NONE.withCores(1), List.of(), List.of(a, b), null));
  }

  @Test
  void pick_skipsAvoidedAndUnreadyWorkers() {
    WorkerState a = worker("a");
    WorkerState b = worker("b");
    b.ready = false;
    assertNull(Matcher.pick(Resources.NONE.withCores(1), List.of(), List.of(a, b), a));
  }

  @Test
  void cacheNames_cachedInputsShareIdZeroAndChangeWithContent() {
    String n1 = CacheNames.input(0, "/w/data in.txt", 10, 1000);
    assertTrue(n1.startsWith("file-0-"), n1);
    assertTrue(n1.endsWith("-data_in.txt"), n1);
    assertEquals(n1, CacheNames.input(0, "/w/data in.txt", 10, 1000));
    assertTrue(!n1.equals(CacheNames.input(0, "/w/data in.txt", 11, 1000)));
    assertTrue(CacheNames.input(7, "/w/x", 1, 1).startsWith("file-7-"));
    assertTrue(!CacheNames.output(3, "../../etc/passwd").contains("/"));
  }

  @Test
  void safeNames_belowRejectsEscapes() {
    assertEquals("", SafeNames.below("file-1-o", "file-1-o"));
    assertEquals("a/b", SafeNames.below("file-1-o", "file-1-o/a/b"));
    assertNull(SafeNames.below("file-1-o", "file-1-o/../x"));
    assertNull(SafeNames.below("file-1-o", "/etc/passwd"));
    assertNull(SafeNames.below("file-1-o", "file-1-other"));
    assertNull(SafeNames.below("file-1-o", "file-1-o//x"));
    assertTrue(SafeNames.sandboxName("in.txt"));
    assertTrue(!SafeNames.sandboxName("/abs"));
    assertTrue(!SafeNames.sandboxName("a/../../b"));
  }

  @Test
  void fastAbort_onlyAfterEnoughSamplesAndOverTheMultiple() {
    FastAbort f = new FastAbort(3);
    for (int i = 0; i < FastAbort.MIN_SAMPLES - 1; i++) {
      f.learn("c", 1_000_000);
    }
    assertNull(f.check("c", 100_000_000));
    f.learn("c", 1_000_000);
    assertNull(f.check("c", 2_900_000));
    assertTrue(f.check("c", 3_100_000).contains("category c"));
    assertNull(f.check("other", 100_000_000));
    assertNull(new FastAbort(0).check("c", 100_000_000));
  }

  private static WorkerState worker(String name) {
    WorkerState w = new WorkerState(null, name, 9, 0);
    w.total = WORKER;
    w.ready = true;
    return w;
  }
}
