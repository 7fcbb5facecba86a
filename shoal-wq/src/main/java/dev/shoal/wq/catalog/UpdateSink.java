package dev.shoal.wq.catalog;

import dev.shoal.wq.catalog.UpdateCodec.BadUpdateException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Where the listeners hand raw updates: decodes, stores, counts and logs. A bad update is logged
 * and dropped; nothing here throws. Thread-safe.
 */
final class UpdateSink {
  private static final Logger LOG = System.getLogger("dev.shoal.wq.catalog");

  private final RecordStore store;
  private final int maxUpdateBytes;
  private long accepted;
  private long dropped;

  UpdateSink(RecordStore store, int maxUpdateBytes) {
    this.store = store;
    this.maxUpdateBytes = maxUpdateBytes;
  }

  /** Decodes {@code data[0, length)} from {@code sender} and stores it, or logs why not. */
  void accept(byte[] data, int length, String sender, String transport) {
    boolean ok = false;
    try {
      var record = UpdateCodec.decode(data, length, maxUpdateBytes);
      RecordStore.Outcome outcome = store.put(record, sender);
      if (outcome == RecordStore.Outcome.FULL) {
        LOG.log(Level.WARNING, "catalog full: dropped a new record from {0}", sender);
      } else {
        ok = true;
      }
    } catch (BadUpdateException e) {
      LOG.log(Level.INFO, "dropped {0} update from {1}: {2}", transport, sender, e.getMessage());
    }
    count(ok);
  }

  /** Counts an update dropped before decoding (too large, too slow), logging why. */
  void reject(String sender, String transport, String why) {
    LOG.log(Level.INFO, "dropped {0} update from {1}: {2}", transport, sender, why);
    count(false);
  }

  private synchronized void count(boolean ok) {
    if (ok) {
      accepted++;
    } else {
      dropped++;
    }
    notifyAll();
  }

  synchronized long accepted() {
    return accepted;
  }

  synchronized long dropped() {
    return dropped;
  }

  /**
   * Waits until {@code accepted + dropped >= handled} or the timeout passes.
   *
   * @return whether the count was reached
   */
  synchronized boolean awaitHandled(long handled, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (accepted + dropped < handled) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }
}
