package dev.shoal.monitor.cgroup;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StaleGroupsTest {
  @Test
  void stale_groupOfADeadOwner_isStale() {
    assertTrue(StaleGroups.stale("shoal-4242-shell-1", "shoal-", pid -> pid != 4242));
  }

  @Test
  void stale_groupOfALiveOwner_isKept() {
    assertFalse(StaleGroups.stale("shoal-4242-17", "shoal-", pid -> pid == 4242));
  }

  @Test
  void stale_otherNames_areKept() {
    assertFalse(StaleGroups.stale("shoal-test-memory", "shoal-", pid -> false));
    assertFalse(StaleGroups.stale("other-1-2", "shoal-", pid -> false));
    assertFalse(StaleGroups.stale("shoal-", "shoal-", pid -> false));
  }
}
