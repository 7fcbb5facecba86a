package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.backend.FileServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's transfers against the engine's file server, real sockets on 127.0.0.1. */
class TransfersTest {
  @TempDir Path tmp;

  private FileServer server(int max, Duration wait) throws IOException {
    return new FileServer(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", max, wait);
  }

  /**
   * A small file's body (written in several pieces) must not wait for the client's delayed ACK
   * (Nagle): 40 ms each on Linux, so 30 downloads would take 1.2 s; they take a few ms each.
   */
  @Test
  void smallDownloads_doNotWaitForDelayedAcks() throws Exception {
    Path file = Files.writeString(tmp.resolve("chunk"), "c".repeat(40_000));
    try (FileServer s = server(2, Duration.ofSeconds(1))) {
      String url = s.url(s.serve(file, true));
      Transfers t = new Transfers(1);
      for (int i = 0; i < 3; i++) {
        t.download(url, tmp.resolve("warm")); // class loading and a first connection
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < 30; i++) {
        t.download(url, tmp.resolve("got"));
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(40_000, Files.size(tmp.resolve("got")));
      assertTrue(ms < 600, "30 downloads of 40 kB took " + ms + " ms: Nagle's algorithm is on");
    }
  }

  @Test
  void upload_cutMidBody_leavesNothingAndCanBeRetried() throws Exception {
    Path target = tmp.resolve("staging/out-0");
    try (FileServer s = server(2, Duration.ofSeconds(1))) {
      String token = s.accept(target);
      try (Socket socket = new Socket("127.0.0.1", s.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("PUT /f/" + token + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[400]);
        out.flush();
      } // the task's connection breaks after 400 of 1000 bytes
      awaitNoPartFiles(target.getParent());
      assertFalse(Files.exists(target), "half an upload was committed");

      Path whole = Files.writeString(tmp.resolve("whole"), "x".repeat(1000));
      new Transfers(3).upload(whole, s.url(token));
      assertEquals("x".repeat(1000), Files.readString(target));
    }
  }

  @Test
  void upload_whenServerBusy_isRetriedAfter503() throws Exception {
    Path target = tmp.resolve("staging/out-0");
    try (FileServer s = server(1, Duration.ofMillis(100))) {
      String stalled = s.accept(tmp.resolve("staging/other"));
      String token = s.accept(target);
      Path file = Files.writeString(tmp.resolve("data"), "payload");
      Socket hog = new Socket("127.0.0.1", s.port());
      ExecutorService ex = Executors.newSingleThreadExecutor();
      try {
        // Holds the only upload slot: headers and part of the body, then silence.
        OutputStream out = hog.getOutputStream();
        out.write(
            ("PUT /f/" + stalled + " HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nab")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        awaitBusyOrSlotTaken(s, tmp.resolve("probe/probe"));
        long before = s.busyReplies();
        Future<?> upload =
            ex.submit(
                () -> {
                  new Transfers(8).upload(file, s.url(token));
                  return null;
                });
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (s.busyReplies() == before && System.nanoTime() < deadline) {
          Thread.sleep(10); // the upload's first try must be turned away
        }
        assertTrue(s.busyReplies() > before, "the busy server answered 503");
        hog.close(); // frees the slot: the retried upload goes through
        upload.get();
      } finally {
        hog.close();
        ex.shutdown();
      }
      assertTrue(s.busyReplies() >= 1, "the busy server answered 503");
      assertEquals("payload", Files.readString(target));
    }
  }

  @Test
  void downloads_neverExceedTheLimit_andUnknownTokensAre404() throws Exception {
    int clients = 12;
    try (FileServer s = server(3, Duration.ofSeconds(30))) {
      Path big = Files.write(tmp.resolve("big"), new byte[4 << 20]);
      String token = s.serve(big, true);
      ExecutorService ex = Executors.newFixedThreadPool(clients);
      List<Future<Path>> all = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Path to = tmp.resolve("copy-" + i);
        all.add(
            ex.submit(
                () -> {
                  new Transfers(3).download(s.url(token), to);
                  return to;
                }));
      }
      for (Future<Path> f : all) {
        assertEquals(4 << 20, Files.size(f.get()));
      }
      ex.shutdown();
      // A client can hold every byte before the server's handler has returned and counted it.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (s.downloadsServed() < clients && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      assertEquals(clients, s.downloadsServed());
      assertTrue(s.maxConcurrentDownloads() <= 3, "at most 3 at once");
      assertTrue(s.maxConcurrentDownloads() >= 2, "downloads did overlap");
      s.revoke(token);
      IOException e =
          assertThrows(
              IOException.class,
              () -> new Transfers(3).download(s.url(token), tmp.resolve("nope")));
      assertTrue(e.getMessage().contains("404"), e.getMessage());
      IOException guess =
          assertThrows(
              IOException.class,
              () -> new Transfers(1).download(s.url("../../etc/passwd"), tmp.resolve("nope")));
      assertTrue(guess.getMessage().contains("404"), guess.getMessage());
    }
  }

  /** The server notices the cut body on its own thread; wait for its clean-up. */
  private static void awaitNoPartFiles(Path dir) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
        if (files.findAny().isEmpty()) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("temporary upload file left in " + dir);
      }
      Thread.sleep(10);
    }
  }

  private static void awaitBusyOrSlotTaken(FileServer s, Path probeTarget) throws Exception {
    // The hog's request reaches the handler (and takes the slot) asynchronously: probe with a
    // request that must come back 503 once it has.
    long deadline = System.nanoTime() + 10_000_000_000L;
    String probe = s.accept(probeTarget);
    while (s.busyReplies() == 0) {
      try (Socket c = new Socket("127.0.0.1", s.port())) {
        c.getOutputStream()
            .write(
                ("PUT /f/" + probe + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        InputStream in = c.getInputStream();
        in.readNBytes(12);
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the stalled upload never took the slot");
      }
    }
  }
}
