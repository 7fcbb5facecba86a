package dev.shoal.mesos;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Sends calls to the master in the order they are queued, on one thread of its own, so that whoever
 * decides on them never waits on HTTP. Thread-safe: any thread may queue.
 */
public final class CallSender {
  /** Where the calls go (usually {@code MesosConnection::send}). */
  @FunctionalInterface
  public interface Transport {
    void send(Call call) throws MesosCallException;
  }

  /** What became of each call; called on the sender thread. */
  public interface Outcomes {
    default void sent(Call call) {}

    void failed(Call call, MesosCallException e);
  }

  private static final System.Logger LOG = System.getLogger(CallSender.class.getName());
  private static final Object STOP = new Object();

  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Transport transport;
  private final Outcomes outcomes;

  /** Starts the sender thread, named {@code name}. */
  public CallSender(String name, Transport transport, Outcomes outcomes) {
    this.transport = transport;
    this.outcomes = outcomes;
    this.thread = Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  public void send(Call call) {
    queue.add(call);
  }

  public void sendAll(Collection<? extends Call> calls) {
    queue.addAll(calls);
  }

  /** Sends what is queued, then stops; waits for that at most {@code timeout}. */
  public void stop(Duration timeout) {
    queue.add(STOP);
    try {
      thread.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (true) {
      Object next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next == STOP) {
        return;
      }
      Call call = (Call) next;
      try {
        transport.send(call);
        outcomes.sent(call);
      } catch (MesosCallException e) {
        LOG.log(System.Logger.Level.DEBUG, "Mesos call failed: {0}", e.getMessage());
        outcomes.failed(call, e);
      }
    }
  }
}
