package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HttpStreamTest {

  /**
   * A record must be handed over as soon as its chunk arrived, not when the next one does: the
   * reader once asked the chunked body for 0 bytes after a record and blocked on the next chunk's
   * size, holding every last event of a burst back until the next heartbeat.
   */
  @Test
  void record_isReadWithoutWaitingForTheNextChunk() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try (Socket s = server.accept()) {
                  s.getInputStream()
                      .read(new byte[4096]); // the request; its content is not checked
                  byte[] record = RecordIo.frame("{\"type\":\"HEARTBEAT\"}");
                  OutputStream out = s.getOutputStream();
                  out.write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              + "Transfer-Encoding: chunked\r\n\r\n"
                              + Integer.toHexString(record.length)
                              + "\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
                  out.write(record);
                  out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  out.flush();
                  done.await(); // the stream stays open, as a subscription does
                } catch (Exception e) {
                  // the test has ended
                }
              });
      try (HttpStream stream =
          HttpStream.post(
              URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/v1/scheduler"),
              "{}",
              10_000)) {
        byte[] record =
            assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> new RecordIo.Reader(stream.body(), 1 << 20).next(),
                "the record waited for the next chunk");
        assertEquals("{\"type\":\"HEARTBEAT\"}", new String(record, StandardCharsets.UTF_8));
      } finally {
        done.countDown();
      }
    }
  }
}
