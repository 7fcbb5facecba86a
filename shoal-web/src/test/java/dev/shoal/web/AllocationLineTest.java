package dev.shoal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.web.AllocationLine.CategoryAllocation;
import dev.shoal.web.AllocationLine.TaskAllocation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AllocationLineTest {

  @Test
  void parse_categoryLine_readsEveryField() {
    assertEquals(
        Optional.of(
            new CategoryAllocation(1795541341476069L, "align", new Allocation(2, 1000, 250, 0))),
        AllocationLine.parse(
            "# ALLOCATION 1795541341476069 align cores=2 memory=1000 disk=250 gpus=0"));
  }

  @Test
  void parse_taskLine_readsRuleAndAllocation() {
    assertEquals(
        Optional.of(new TaskAllocation(17, 3, new Allocation(1, 512, 100, Double.NaN))),
        AllocationLine.parse("# TASK_ALLOCATION 17 3 cores=1 memory=512 disk=100"));
  }

  @Test
  void parse_missingAndUnknownFields_areUnknownAndIgnored() {
    AllocationLine a =
        AllocationLine.parse("# ALLOCATION 5 w memory=300.5 wall_time=60\r").orElseThrow();
    assertEquals(new Allocation(Double.NaN, 300.5, Double.NaN, Double.NaN), a.allocation());
    assertTrue(
        AllocationLine.parse("# TASK_ALLOCATION 5 0").orElseThrow().allocation().isUnknown());
  }

  @Test
  void parse_otherLines_areNotAllocations() {
    for (String line :
        new String[] {
          "# FILE 1 a.txt 1 1073741824", "# STARTED 1", "#", "# ALLOCATIONS 1 x", "#ALLOCATION 1 x"
        }) {
      assertEquals(Optional.empty(), AllocationLine.parse(line), line);
    }
  }

  @Test
  void parse_malformed_throwsQuotingTheLine() {
    for (String line :
        new String[] {
          "# ALLOCATION 1",
          "# ALLOCATION x w cores=1",
          "# ALLOCATION 1 w cores",
          "# ALLOCATION 1 w cores=lots",
          "# ALLOCATION 1 w memory=-5",
          "# TASK_ALLOCATION 1 rule cores=1",
          "# TASK_ALLOCATION 1 -2 cores=1"
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> AllocationLine.parse(line), line);
      assertTrue(e.getMessage().contains(line), e.getMessage());
    }
  }
}
