package dev.shoal.wq.manager;

import dev.shoal.wire.ManagerMessage;
import java.time.Duration;

/**
 * The manager's keepalive ({@code -t}/{@code -u}): a worker silent for {@code interval} is sent
 * {@code check}; one that then stays silent for {@code timeout} is dropped (its tasks are requeued
 * when its connection closes). The state is each worker's {@link WorkerState#checkSentNanos}.
 * Manager thread only.
 */
final class Keepalive {
  private final Duration interval;
  private final Duration timeout;
  private final Manager.Notes notes;

  Keepalive(Duration interval, Duration timeout, Manager.Notes notes) {
    this.interval = interval;
    this.timeout = timeout;
    this.notes = notes;
  }

  /** Checks every worker at {@code now} (nanoseconds, the clock of the connections). */
  void check(Iterable<WorkerState> workers, long now) {
    long every = interval.toNanos();
    long limit = timeout.toNanos();
    for (WorkerState w : workers) {
      long heard = Math.max(w.connection.lastHeardNanos(), w.joinedNanos);
      if (w.checkSentNanos >= 0 && heard - w.checkSentNanos >= 0) {
        w.checkSentNanos = -1; // answered
      }
      if (w.checkSentNanos < 0) {
        if (now - heard > every) {
          w.checkSentNanos = now;
          w.connection.send(new ManagerMessage.Check());
        }
      } else if (now - w.checkSentNanos > limit) {
        notes.note(
            System.Logger.Level.WARNING,
            "worker "
                + w
                + " did not answer a keepalive within "
                + timeout.toSeconds()
                + " s: removing it");
        w.checkSentNanos = Long.MAX_VALUE / 4; // never again, while its connection closes
        w.connection.closeNow();
      }
    }
  }
}
