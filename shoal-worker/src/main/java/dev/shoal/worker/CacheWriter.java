package dev.shoal.worker;

import dev.shoal.wire.Body;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stores small put bodies on a few writer threads: the session thread reads a body off the
 * connection into memory and goes on reading while a writer creates, writes and closes the cache
 * file. Creating a file is the costly part of a small put (inode allocation, in the kernel), and
 * the session thread is the worker's critical path while thousands of inputs arrive.
 *
 * <p>Ordering: {@link Cache#awaitStored} makes every reader of an entry (a task linking its inputs,
 * {@code get}, {@code unlink}, a later put of the same name) wait until its write ended, so a task
 * never starts before its inputs are whole. A failed write leaves no entry and is reported through
 * {@link Done} exactly as a failed synchronous put is (log, {@code cache-invalid} in protocol 11).
 * Bytes in memory are bounded ({@value #MAX_IN_FLIGHT} bytes): the session thread waits for room.
 * Bodies over {@value #MAX_SMALL} bytes are not taken: the caller streams them to disk itself.
 *
 * <p>Threading: {@link #put} is called by the session thread; {@link Done} runs on a writer thread
 * after the entry's readers were released, so it may take locks those readers hold.
 */
final class CacheWriter implements AutoCloseable {
  /** Largest body taken; larger ones are streamed to disk by the session thread as they arrive. */
  static final int MAX_SMALL = 1 << 20;

  /** Most body bytes held in memory at once. */
  static final int MAX_IN_FLIGHT = 64 << 20;

  /** Told when a write ended. */
  interface Done {
    /**
     * @param size the stored size, or -1 if the write failed
     * @param failure why it failed, or null
     */
    void stored(String name, long size, long t0Nanos, IOException failure);
  }

  private final Cache cache;
  private final ExecutorService threads;
  private final Semaphore room = new Semaphore(MAX_IN_FLIGHT);

  CacheWriter(Cache cache, int threads) {
    this.cache = cache;
    AtomicInteger n = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            threads,
            r ->
                Thread.ofPlatform()
                    .daemon()
                    .name("shoal-cache-writer-" + n.incrementAndGet())
                    .unstarted(r));
  }

  /** Whether {@code put} takes a body of this length. */
  static boolean takes(long length) {
    return length <= MAX_SMALL;
  }

  /**
   * Reads {@code body} (at most {@value #MAX_SMALL} bytes) and hands its storing to a writer. A
   * write of the same name still in progress is waited for first.
   *
   * @throws IOException if the body cannot be read off the connection (the connection is broken)
   */
  void put(String name, Body body, int mode, long t0Nanos, Done done) throws IOException {
    cache.awaitStored(name);
    int len = (int) body.length();
    int permits = Math.max(1, len);
    room.acquireUninterruptibly(permits);
    ByteBuffer bytes = ByteBuffer.allocate(len);
    try {
      body.copyTo(into(bytes));
    } catch (IOException | RuntimeException e) {
      room.release(permits);
      throw e;
    }
    bytes.flip();
    CompletableFuture<Void> written = new CompletableFuture<>();
    cache.writing(name, written);
    threads.execute(
        () -> {
          long size = -1;
          IOException failure = null;
          try {
            size = cache.put(name, bytes, mode);
          } catch (IOException e) {
            failure = e;
          } catch (RuntimeException e) {
            failure = new IOException(e.toString(), e);
          } finally {
            room.release(permits);
            cache.written(name, written);
            written.complete(null);
          }
          done.stored(name, size, t0Nanos, failure);
        });
  }

  private static WritableByteChannel into(ByteBuffer b) {
    return new WritableByteChannel() {
      @Override
      public int write(ByteBuffer src) {
        int n = src.remaining();
        b.put(src);
        return n;
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void close() {}
    };
  }

  /** Waits (briefly) for the writes in progress, then stops the threads. */
  @Override
  public void close() {
    threads.shutdown();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
