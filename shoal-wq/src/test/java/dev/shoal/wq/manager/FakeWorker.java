package dev.shoal.wq.manager;

import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.Payload;
import dev.shoal.wire.TaskStatus;
import dev.shoal.wire.WireCodec;
import dev.shoal.wire.WorkerMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A worker written with shoal-wire's codec, for what real workers never do: it runs no command,
 * answers each task with exit 0 and each {@code get} with whatever {@code replies} says.
 */
final class FakeWorker implements AutoCloseable {
  private final Socket socket;
  private final WireCodec codec;
  private final Function<String, List<WorkerMessage>> replies;
  final List<ManagerMessage> received = new ArrayList<>();
  private final List<Long> finished = new ArrayList<>();
  private final Thread thread;

  FakeWorker(int port, int protocol, Function<String, List<WorkerMessage>> replies)
      throws IOException {
    this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
    this.codec = new WireCodec(socket.getInputStream(), socket.getOutputStream());
    this.replies = replies;
    codec.write(new WorkerMessage.Hello(protocol, "fake", "Linux", "x86_64", "8.0.0"));
    codec.write(new WorkerMessage.Resource("cores", 2, 2, 2));
    codec.write(new WorkerMessage.Resource("memory", 1000, 1000, 1000));
    codec.write(new WorkerMessage.Resource("disk", 1000, 1000, 1000));
    codec.write(new WorkerMessage.Resource("gpus", 0, 0, 0));
    codec.write(new WorkerMessage.ResourceTag(0));
    codec.flush();
    thread = Thread.ofVirtual().start(this::serve);
  }

  /** A reply to {@code get name}: one file with {@code text}, then end. */
  static List<WorkerMessage> file(String name, String text) {
    return List.of(
        new WorkerMessage.FileData(name, Payload.utf8(text), Optional.empty()), new Message.End());
  }

  private void serve() {
    try {
      while (true) {
        ManagerMessage m = codec.readFromManager();
        synchronized (this) {
          received.add(m);
        }
        switch (m) {
          case ManagerMessage.Task t -> {
            finished.add(t.spec().id().value());
            codec.write(new WorkerMessage.AvailableResults());
          }
          case ManagerMessage.SendResults s -> {
            for (long id : finished) {
              codec.write(
                  new WorkerMessage.Result(
                      TaskStatus.SUCCESS, 0, 10, new dev.shoal.wire.TaskId(id), Payload.EMPTY));
            }
            finished.clear();
            codec.write(new Message.End());
          }
          case ManagerMessage.Get g -> {
            for (WorkerMessage r : replies.apply(g.name())) {
              codec.write(r);
            }
          }
          case ManagerMessage.Check c -> codec.write(new WorkerMessage.Alive());
          default -> {}
        }
        codec.flush();
      }
    } catch (IOException e) {
      // The manager closed the connection.
    }
  }

  synchronized List<ManagerMessage> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws IOException {
    socket.close();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
