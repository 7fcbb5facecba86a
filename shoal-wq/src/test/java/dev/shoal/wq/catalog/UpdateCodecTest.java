package dev.shoal.wq.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.jx.JxValue;
import dev.shoal.wq.catalog.UpdateCodec.BadUpdateException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpdateCodecTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decode_compressed_roundTrips() throws Exception {
    var o = Wire.obj("{\"type\":\"t\",\"n\":1,\"a\":[1,{\"b\":null}]}");
    byte[] z = UpdateCodec.encodeCompressed(o);
    assertEquals(o, UpdateCodec.decode(z, z.length, 1000));
  }

  @Test
  void decode_legacyLines_becomeFields() throws Exception {
    byte[] t = b("type wq_master\nport 9123\nproject my project\n");
    var o = UpdateCodec.decode(t, t.length, 1000);
    assertEquals(JxValue.of(9123), o.get("port"));
    assertEquals(JxValue.of("my project"), o.get("project"));
  }

  @Test
  void decode_zlibBomb_isStoppedAtTheLimit() {
    var o = Wire.obj("{\"pad\":\"" + "z".repeat(1_000_000) + "\"}");
    byte[] z = UpdateCodec.encodeCompressed(o);
    assertTrue(z.length < 10_000, "compresses well: " + z.length);
    var e = assertThrows(BadUpdateException.class, () -> UpdateCodec.decode(z, z.length, 4096));
    assertTrue(e.getMessage().contains("inflates past 4096"), e.getMessage());
  }

  @Test
  void decode_array_isRejected() {
    byte[] t = b("[{\"a\":1}]");
    var e = assertThrows(BadUpdateException.class, () -> UpdateCodec.decode(t, t.length, 100));
    assertTrue(e.getMessage().contains("not an object"), e.getMessage());
  }
}
