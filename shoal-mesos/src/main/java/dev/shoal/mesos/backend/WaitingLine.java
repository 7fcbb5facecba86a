package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.TaskSpec;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The {@link Scheduler}'s tasks waiting for an offer, in the order they are offered, with how many
 * of each category wait (what a bundle's size is chosen from). Every way out of the line keeps the
 * counts: the iterator's {@code remove}, {@link #remove(dev.shoal.engine.spi.TaskId)}, {@link
 * #drain}.
 *
 * <p>Not thread-safe: the scheduler's thread only.
 */
final class WaitingLine implements Iterable<WaitingLine.Waiting> {
  /** A task waiting for an offer; {@code lost} attempts of it were lost by the cluster. */
  record Waiting(TaskSpec spec, Size size, int lost, long sinceMicros) {}

  private final ArrayDeque<Waiting> line = new ArrayDeque<>();
  private final Map<String, Integer> perCategory = new HashMap<>();

  /** Puts {@code w} in line: at the head for a task run again ({@code first}), else at the end. */
  void add(Waiting w, boolean first) {
    if (first) {
      line.addFirst(w);
    } else {
      line.addLast(w);
    }
    perCategory.merge(w.spec().category(), 1, Integer::sum);
  }

  boolean isEmpty() {
    return line.isEmpty();
  }

  int size() {
    return line.size();
  }

  /** How many tasks of {@code category} wait. */
  int inCategory(String category) {
    return perCategory.getOrDefault(category, 0);
  }

  /** Takes the task of engine id {@code id} out of line; null if it does not wait. */
  Waiting remove(dev.shoal.engine.spi.TaskId id) {
    for (Iterator<Waiting> it = iterator(); it.hasNext(); ) {
      Waiting w = it.next();
      if (w.spec().id().equals(id)) {
        it.remove();
        return w;
      }
    }
    return null;
  }

  /** Empties the line; returns what waited, in order. */
  List<Waiting> drain() {
    List<Waiting> all = List.copyOf(line);
    line.clear();
    perCategory.clear();
    return all;
  }

  /** In line order; {@code remove} takes the last task returned out of line. */
  @Override
  public Iterator<Waiting> iterator() {
    Iterator<Waiting> it = line.iterator();
    return new Iterator<>() {
      private Waiting last;

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Waiting next() {
        last = it.next();
        return last;
      }

      @Override
      public void remove() {
        it.remove();
        perCategory.merge(last.spec().category(), -1, Integer::sum);
      }
    };
  }
}
