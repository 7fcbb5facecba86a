package dev.shoal.mesos.fake;

import com.sun.net.httpserver.HttpExchange;
import dev.shoal.mesos.RecordIo;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One open event stream of the fake master: the chunked response of a SUBSCRIBE, to which events
 * are written as RecordIO records. Written under the master's lock; the handler thread that
 * answered the SUBSCRIBE waits in {@link #awaitClosed} until the stream is closed.
 */
final class EventStream {
  final HttpExchange exchange;
  final String streamId;
  final OutputStream out;
  final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
  volatile boolean closed;

  EventStream(HttpExchange exchange, String streamId) {
    this.exchange = exchange;
    this.streamId = streamId;
    this.out = exchange.getResponseBody();
  }

  void write(byte[] record) {
    try {
      RecordIo.write(out, record);
    } catch (IOException e) {
      close();
    }
  }

  void close() {
    closed = true;
    try {
      out.close();
    } catch (IOException e) {
      // the stream is already broken
    }
    done.countDown();
  }

  void awaitClosed() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
