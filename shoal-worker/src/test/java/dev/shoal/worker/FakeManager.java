package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.WireCodec;
import dev.shoal.wire.WorkerMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The test's side of a worker connection: a listening socket and shoal-wire's codec. */
final class FakeManager implements AutoCloseable {
  final ServerSocket server;
  Socket socket;
  WireCodec codec;

  FakeManager() throws IOException {
    server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    server.setSoTimeout(30_000);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Accepts the next worker connection and reads its handshake up to worker-end-time. */
  WorkerMessage.Hello accept() throws IOException {
    socket = server.accept();
    socket.setSoTimeout(30_000);
    codec = new WireCodec(socket.getInputStream(), socket.getOutputStream());
    WorkerMessage.Hello hello = assertInstanceOf(WorkerMessage.Hello.class, codec.readFromWorker());
    until(m -> m instanceof WorkerMessage.Info i && i.key().equals("worker-end-time"));
    return hello;
  }

  void send(ManagerMessage... messages) throws IOException {
    for (ManagerMessage m : messages) {
      codec.write(m);
    }
    codec.flush();
  }

  void sendRaw(String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads messages until one matches; returns it (and skips info/alive lines before it). */
  WorkerMessage until(java.util.function.Predicate<WorkerMessage> match) throws IOException {
    for (int i = 0; i < 1000; i++) {
      WorkerMessage m = codec.readFromWorker();
      if (match.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching message in 1000");
  }

  <T extends WorkerMessage> T next(Class<T> type) throws IOException {
    return type.cast(until(type::isInstance));
  }

  /** {@code send_results -1}: the results, up to {@code end}. */
  List<WorkerMessage.Result> results() throws IOException {
    send(new ManagerMessage.SendResults(-1));
    List<WorkerMessage.Result> out = new ArrayList<>();
    while (true) {
      WorkerMessage m = codec.readFromWorker();
      if (m instanceof WorkerMessage.Result r) {
        out.add(r);
      } else if (m instanceof Message.End) {
        return out;
      }
    }
  }

  /** {@code check} → {@code alive}: everything sent before it has been handled. */
  void barrier() throws IOException {
    send(new ManagerMessage.Check());
    assertEquals(new WorkerMessage.Alive(), until(m -> m instanceof WorkerMessage.Alive));
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
    server.close();
  }
}
