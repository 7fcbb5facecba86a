package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@code shoal worker …} and the {@code work_queue_worker} tool name reach the worker's parser. */
class WorkerToolTest {
  @Test
  void worker_help_andBadUsage_delegateToTheWorker() {
    assertEquals(0, Main.execute("shoal", new String[] {"worker", "--help"}, null, null));
    assertEquals(2, Main.execute("shoal", new String[] {"worker", "--no-such-option"}, null, null));
    assertEquals(2, Main.execute("work_queue_worker", new String[] {"only-a-host"}, null, null));
  }
}
