package dev.shoal.wq.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Accepts TCP connections that each carry one update, read until the sender closes. A connection
 * that sends more than the size limit or takes longer than the timeout is dropped. Runs its accept
 * loop on the calling thread until the server socket is closed; reads on {@code workers}, a bounded
 * pool, so a flood of slow senders cannot exhaust threads (connections past its queue are closed at
 * once).
 */
final class TcpListener implements Runnable {
  private static final Logger LOG = System.getLogger("dev.shoal.wq.catalog");

  private final ServerSocket server;
  private final ExecutorService workers;
  private final UpdateSink sink;
  private final int maxBytes;
  private final int timeoutMillis;

  TcpListener(
      ServerSocket server, ExecutorService workers, UpdateSink sink, int maxBytes, int timeoutMs) {
    this.server = server;
    this.workers = workers;
    this.sink = sink;
    this.maxBytes = maxBytes;
    this.timeoutMillis = timeoutMs;
  }

  @Override
  public void run() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!server.isClosed()) {
          LOG.log(Level.WARNING, "TCP accept failed: {0}", e.getMessage());
        }
        continue;
      }
      try {
        workers.execute(() -> read(s));
      } catch (RejectedExecutionException e) {
        sink.reject(s.getInetAddress().getHostAddress(), "TCP", "too many connections");
        closeQuietly(s);
      }
    }
  }

  private void read(Socket s) {
    String sender = s.getInetAddress().getHostAddress();
    try (s) {
      s.setSoTimeout(timeoutMillis);
      long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
      InputStream in = s.getInputStream();
      byte[] buf = new byte[Math.min(maxBytes + 1, 64 * 1024)];
      int len = 0;
      while (true) {
        if (len == buf.length) {
          if (len > maxBytes) {
            sink.reject(sender, "TCP", "update exceeds " + maxBytes + " bytes");
            return;
          }
          buf = java.util.Arrays.copyOf(buf, Math.min(maxBytes + 1, buf.length * 2));
        }
        int n = in.read(buf, len, buf.length - len);
        if (n < 0) {
          break;
        }
        len += n;
        if (System.nanoTime() > deadline) {
          sink.reject(sender, "TCP", "update took longer than " + timeoutMillis + " ms");
          return;
        }
      }
      if (len > maxBytes) {
        sink.reject(sender, "TCP", "update exceeds " + maxBytes + " bytes");
        return;
      }
      sink.accept(buf, len, sender, "TCP");
    } catch (SocketTimeoutException e) {
      sink.reject(sender, "TCP", "no data for " + timeoutMillis + " ms");
    } catch (IOException e) {
      sink.reject(sender, "TCP", "read failed: " + e.getMessage());
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "close failed: {0}", e.getMessage());
    }
  }
}
