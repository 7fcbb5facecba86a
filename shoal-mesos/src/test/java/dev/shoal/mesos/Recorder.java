package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A listener that queues events and disconnections for a test to wait on. */
final class Recorder implements MesosConnection.Listener {
  static final Duration WAIT = Duration.ofSeconds(20);
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  final List<String> disconnections = new CopyOnWriteArrayList<>();

  @Override
  public void event(Event event) {
    queue.add(event);
  }

  @Override
  public void disconnected(String reason) {
    disconnections.add(reason);
    queue.add(new Disconnected(reason));
  }

  record Disconnected(String reason) {}

  /** The next item of {@code type} matching {@code p}; other items are dropped. */
  <T> T next(Class<T> type, Predicate<T> p) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (true) {
        Object o = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (o == null) {
          return fail("no " + type.getSimpleName() + " within " + WAIT);
        }
        if (type.isInstance(o) && p.test(type.cast(o))) {
          return type.cast(o);
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  <T> T next(Class<T> type) {
    return next(type, x -> true);
  }

  /** The next status update of {@code task}. */
  TaskStatus update(TaskId task) {
    return next(Event.Update.class, u -> u.status().taskId().equals(task)).status();
  }

  /**
   * Waits for {@code heartbeats} heartbeats and returns the items of {@code type} seen meanwhile:
   * how a test shows that something did not happen, with the master's own clock as the signal.
   */
  <T> List<T> during(int heartbeats, Class<T> type) {
    List<T> seen = new java.util.ArrayList<>();
    int beats = 0;
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (beats < heartbeats) {
        Object o = queue.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (o == null) {
          fail("no heartbeats within " + WAIT);
        }
        if (o instanceof Event.Heartbeat) {
          beats++;
        } else if (type.isInstance(o)) {
          seen.add(type.cast(o));
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    return seen;
  }
}
