package dev.shoal.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The engine's group commit (docs/adr/0003): what a batch of completions allows — rules made ready,
 * files made collectable — is held until the journal's writes of that batch are on the device. One
 * fsync at a time runs on a thread beside the loop and covers every write before it.
 *
 * <p>Threading: owned by the engine's loop thread; the fsync thread only posts a {@link Synced}
 * event to the loop's queue, which the loop hands back through {@link #onSynced}.
 */
final class GroupCommit implements AutoCloseable {
  /** The journal is on the device up to write number {@code seq} (or could not be forced). */
  record Synced(long seq, IOException error) {}

  /** Rules made ready and files made collectable by the completions of write {@code seq}. */
  record Durable(long seq, int[] rules, int[] files) {}

  private final Journal journal;
  private final Consumer<Object> post;
  private final ArrayDeque<Durable> waiting = new ArrayDeque<>();
  private ExecutorService syncer;
  private long written;
  private long synced;
  private boolean syncing;

  /**
   * @param journal the journal whose written records are forced
   * @param post puts a {@link Synced} on the loop's queue; called from the fsync thread
   */
  GroupCommit(Journal journal, Consumer<Object> post) {
    this.journal = journal;
    this.post = post;
  }

  /** True while a force runs or something waits for one: the loop must not end yet. */
  boolean pending() {
    return syncing || !waiting.isEmpty();
  }

  /** Records that the batch just written allows {@code rules} and {@code files}; forces it. */
  void written(int[] rules, int[] files) {
    waiting.add(new Durable(++written, rules, files));
    request();
  }

  /**
   * Takes a force's answer: returns what became durable, oldest first, and starts the next force if
   * writes came meanwhile.
   *
   * @throws UncheckedIOException if the force failed
   */
  List<Durable> onSynced(Synced s) {
    syncing = false;
    if (s.error() != null) {
      throw new UncheckedIOException("cannot force the transaction log to the device", s.error());
    }
    synced = s.seq();
    List<Durable> out = new ArrayList<>();
    while (!waiting.isEmpty() && waiting.peek().seq() <= synced) {
      out.add(waiting.poll());
    }
    request();
    return out;
  }

  private void request() {
    if (syncing || synced >= written) {
      return;
    }
    syncing = true;
    long target = written;
    if (syncer == null) {
      syncer =
          Executors.newSingleThreadExecutor(
              r -> Thread.ofPlatform().daemon().name("shoal-log-sync").unstarted(r));
    }
    syncer.execute(
        () -> {
          try {
            journal.forceWritten();
            post.accept(new Synced(target, null));
          } catch (IOException e) {
            post.accept(new Synced(target, e));
          }
        });
  }

  @Override
  public void close() {
    if (syncer != null) {
      syncer.shutdownNow();
    }
  }
}
