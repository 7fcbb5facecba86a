package dev.shoal.engine.run;

/** A FIFO of ints that does not box: the ready queue of a million-rule run. Not thread-safe. */
final class IntQueue {
  private int[] items = new int[64];
  private int head;
  private int size;

  void add(int v) {
    if (size == items.length) {
      int[] bigger = new int[items.length * 2];
      for (int i = 0; i < size; i++) {
        bigger[i] = items[(head + i) % items.length];
      }
      items = bigger;
      head = 0;
    }
    items[(head + size) % items.length] = v;
    size++;
  }

  int peek() {
    if (size == 0) {
      throw new IllegalStateException("peek on an empty queue");
    }
    return items[head];
  }

  int poll() {
    int v = peek();
    head = (head + 1) % items.length;
    size--;
    return v;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }
}
