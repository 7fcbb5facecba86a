package dev.shoal.engine.sizing;

import static dev.shoal.engine.sizing.CategorySizerTest.sizer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.lang.model.AllocationMode;
import dev.shoal.lang.model.Resources;
import org.junit.jupiter.api.Test;

class LabelTest {

  private static final long U = Resources.UNSET;
  private static final Resources CATEGORY_MAX = new Resources(U, 1000, U, U, U, U);
  private static final Resources USER = new Resources(4, U, U, U, 60, U);

  private static Resources measured(long cores, long memoryMb, long wallTime) {
    return new Resources(cores, memoryMb, U, U, wallTime, U);
  }

  @Test
  void parse_jxValues() {
    assertEquals(Label.AUTO, Label.parse("auto"));
    assertEquals(Label.AUTO, Label.parse("first"));
    assertEquals(Label.MAX, Label.parse("max"));
    assertEquals(Label.ERROR, Label.parse("error"));
    assertEquals(Label.AUTO, Label.parse(null));
    assertEquals("max", Label.MAX.jx());
  }

  @Test
  void parse_unknownValue_rejectedWithChoices() {
    var e = assertThrows(IllegalArgumentException.class, () -> Label.parse("MAX"));
    assertEquals("allocation \"MAX\" is not one of auto, max, error", e.getMessage());
  }

  @Test
  void allocationOption_parse() {
    assertEquals(AllocationMode.MIN_WASTE, AllocationOption.parse("waste"));
    assertEquals(AllocationMode.MAX_THROUGHPUT, AllocationOption.parse("throughput"));
    assertEquals(AllocationMode.FIXED, AllocationOption.parse("fixed"));
    var e = assertThrows(IllegalArgumentException.class, () -> AllocationOption.parse("max"));
    assertEquals("--allocation=max is not one of waste, throughput, fixed", e.getMessage());
  }

  @Test
  void next_withinUserValuesAndMax_retriesAtMax() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, CATEGORY_MAX);
    assertEquals(Label.MAX, s.next(Label.AUTO, measured(3, 900, 30), USER));
    assertEquals(Label.MAX, s.next(Label.AUTO, measured(4, 1000, 60), USER));
  }

  @Test
  void next_beyondUserValue_error() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, CATEGORY_MAX);
    assertEquals(Label.ERROR, s.next(Label.AUTO, measured(5, 900, 30), USER));
    assertEquals(Label.ERROR, s.next(Label.AUTO, measured(3, 900, 61), USER));
  }

  @Test
  void next_beyondExplicitMax_error() {
    CategorySizer s = sizer(AllocationMode.MAX_THROUGHPUT, CATEGORY_MAX);
    assertEquals(Label.ERROR, s.next(Label.AUTO, measured(1, 1001, 1), Resources.NONE));
  }

  @Test
  void next_alreadyAtMaxOrError_error() {
    CategorySizer s = sizer(AllocationMode.MIN_WASTE, CATEGORY_MAX);
    assertEquals(Label.ERROR, s.next(Label.MAX, measured(1, 100, 1), USER));
    assertEquals(Label.ERROR, s.next(Label.ERROR, measured(1, 100, 1), USER));
  }

  @Test
  void next_fixedMode_error() {
    CategorySizer s = sizer(AllocationMode.FIXED, CATEGORY_MAX);
    assertEquals(Label.ERROR, s.next(Label.AUTO, measured(1, 100, 1), USER));
  }
}
