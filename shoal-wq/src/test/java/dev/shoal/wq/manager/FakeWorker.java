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
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

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
  private final List<Long> held = new ArrayList<>();
  private boolean hold; // guarded by this
  private final Thread thread;

  FakeWorker(int port, int protocol, Function<String, List<WorkerMessage>> replies)
      throws IOException {
    this(port, protocol, replies, false);
  }

  /** With {@code hold}, tasks keep running until {@link #finishHeld()}. */
  FakeWorker(int port, int protocol, Function<String, List<WorkerMessage>> replies, boolean hold)
      throws IOException {
    this.hold = hold;
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
          notifyAll();
          serve(m);
        }
      }
    } catch (IOException e) {
      // The manager closed the connection.
    }
  }

  /** Ends every held task and holds no more: their results are announced. */
  synchronized void stopHolding() throws IOException {
    hold = false;
    finished.addAll(held);
    held.clear();
    codec.write(new WorkerMessage.AvailableResults());
    codec.flush();
  }

  /** Caller holds this object's lock. */
  private void serve(ManagerMessage m) throws IOException {
    switch (m) {
      case ManagerMessage.Task t -> {
        if (hold) {
          held.add(t.spec().id().value());
        } else {
          finished.add(t.spec().id().value());
          codec.write(new WorkerMessage.AvailableResults());
        }
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

  /** Waits until what was received satisfies {@code done}; fails after 20 s. */
  synchronized List<ManagerMessage> awaitReceived(Predicate<List<ManagerMessage>> done)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.test(received)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new AssertionError("not received within 20 s; got " + received);
      }
      wait(left);
    }
    return List.copyOf(received);
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
