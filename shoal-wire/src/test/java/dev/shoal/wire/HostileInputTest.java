package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostileInputTest {
  private static WireCodec over(String text) {
    return over(text, WireLimits.DEFAULT);
  }

  private static WireCodec over(String text, WireLimits limits) {
    return new WireCodec(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(),
        limits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "frobnicate 1 2\n",
        "put name -1 0644\n",
        "put name 99999999999 0644\n",
        "put name 12x 0644\n",
        "put name 3 0999\n",
        "put name 3\n",
        "put name 10 0644\nshort",
        "put bad%zzname 1 0644\nx",
        "send_results -2\n",
        "send_results many\n",
        "kill -7\n",
        "get x 2\n",
        "check now\n",
        "task 1\nend\n",
        "task 1\ncmd 2\nls\nbogus 1\nend\n",
        "task 1\ncmd 2\nls\ncores NaN\nend\n",
        "task 1\ncmd 2\nls\ninfile a b -1\nend\n",
        "task 1\ncmd 2\nls\n",
        "task -3\n",
        "check",
        "tlq  \n",
      })
  void readFromManager_malformed_throwsProtocolException(String text) {
    assertThrows(ProtocolException.class, () -> over(text).readFromManager());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "workqueue nine vm Linux x86_64 8.0.0\n",
        "workqueue 9 vm Linux\n",
        "resource cores two 2 2\n",
        "resource cores Infinity 2 2\n",
        "resource tag x\n",
        "result 0 0 7 3940 7\nhi\n",
        "result 3 0 0 1 7\n",
        "result 0 0 -7 1 7\n",
        "result 0 0 0 1 -7\n",
        "dir x 1\n",
        "missing x\n",
        "file x 5 0644 extra\nhello",
        "info\n",
        "hello there\n",
      })
  void readFromWorker_malformed_throwsProtocolException(String text) {
    assertThrows(ProtocolException.class, () -> over(text).readFromWorker());
  }

  @Test
  void readFromManager_overLongLine_throwsWithTruncatedText() {
    String line = "put " + "x".repeat(10_000) + " 1 0644\nx";

    ProtocolException e = assertThrows(ProtocolException.class, () -> over(line).readFromManager());

    assertTrue(e.offending().length() < 200, e.offending());
    assertTrue(e.expected().contains("4096"), e.expected());
  }

  @Test
  void readFromWorker_lineOfExactlyTheLimit_isAccepted() throws Exception {
    String value = "v".repeat(WireLimits.PROTOCOL_LINE_MAX - "info k ".length());

    assertEquals(
        new WorkerMessage.Info("k", value), over("info k " + value + "\n").readFromWorker());
  }

  @Test
  void readFromWorker_payloadOverConfiguredLimit_throwsBeforeAllocating() {
    WireLimits small = WireLimits.DEFAULT.withMaxPayloadBytes(4);

    ProtocolException e =
        assertThrows(
            ProtocolException.class, () -> over("file x 5\nhello", small).readFromWorker());

    assertEquals("file x 5", e.offending());
  }

  @Test
  void readFromManager_tooManyTaskLines_throws() {
    WireLimits limits = new WireLimits(4096, 1 << 20, 3);
    String text = "task 1\ncmd 2\nls\ncores 1\ncores 1\ncores 1\nend\n";

    assertThrows(ProtocolException.class, () -> over(text, limits).readFromManager());
  }

  @Test
  void readFromWorker_cleanEndOfStream_throwsEof() {
    assertThrows(EOFException.class, () -> over("").readFromWorker());
  }

  @Test
  void protocolException_controlCharacters_areEscaped() {
    ProtocolException e = new ProtocolException("a\u0000b\u001b", "x");
    assertEquals("a\\x00b\\x1b", e.offending());
  }
}
