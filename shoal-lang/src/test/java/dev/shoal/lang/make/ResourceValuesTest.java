package dev.shoal.lang.make;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ResourceValuesTest {

  @Test
  void parse_memoryAndDisk_bareIsMbSuffixIsBytes() throws Exception {
    assertEquals(500, ResourceValues.parse("MEMORY", "500"));
    assertEquals(2048, ResourceValues.parse("MEMORY", "2G"));
    assertEquals(2048, ResourceValues.parse("DISK", "2GB"));
    assertEquals(1, ResourceValues.parse("DISK", "10K"), "rounded up to whole MB");
    assertEquals(1536, ResourceValues.parse("MEMORY", "1.5g"));
  }

  @Test
  void parse_countsAndBytes_suffixMultiplies() throws Exception {
    assertEquals(4, ResourceValues.parse("CORES", "4"));
    assertEquals(2048, ResourceValues.parse("CORES", "2K"));
    assertEquals(3L << 30, ResourceValues.parseBytes("3G"));
  }

  @Test
  void parse_notANumber_isAnError() {
    for (String bad : new String[] {"", "x", "-1", "\"4\"", "1e3", "NaN", "Infinity", "4Q"}) {
      assertThrows(LineError.class, () -> ResourceValues.parse("CORES", bad), bad);
    }
  }
}
