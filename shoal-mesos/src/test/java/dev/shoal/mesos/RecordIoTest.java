package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordIoTest {

  @Test
  void records_readBackAcrossArbitraryChunks() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordIo.write(out, utf8("{\"type\":\"HEARTBEAT\"}"));
    RecordIo.write(out, utf8("é\n12\n"));
    // A stream that hands out one byte per read, as a slow chunked response may.
    InputStream trickle =
        new ByteArrayInputStream(out.toByteArray()) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1));
          }
        };
    RecordIo.Reader reader = new RecordIo.Reader(trickle, 1024);
    assertArrayEquals(utf8("{\"type\":\"HEARTBEAT\"}"), reader.next());
    assertArrayEquals(utf8("é\n12\n"), reader.next());
    assertNull(reader.next());
  }

  @Test
  void frame_countsBytesNotCharacters() {
    assertArrayEquals(utf8("2\né"), RecordIo.frame("é"));
  }

  @Test
  void malformedStreams_failWithReason() {
    assertTrue(fails("12x\n").contains("bad record length"));
    assertTrue(fails("0\n").contains("never empty"));
    assertTrue(fails("\n").contains("never empty"));
    assertTrue(fails("2000\n").contains("exceeds the limit of 1024"));
    assertTrue(fails("99999999999999999999999\n").contains("exceeds"));
    assertThrows(EOFException.class, () -> read("5\nabc"));
    assertThrows(EOFException.class, () -> read("12"));
  }

  private static String fails(String stream) {
    return assertThrows(IOException.class, () -> read(stream)).getMessage();
  }

  private static void read(String stream) throws IOException {
    RecordIo.Reader r = new RecordIo.Reader(new ByteArrayInputStream(utf8(stream)), 1024);
    while (r.next() != null) {}
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
