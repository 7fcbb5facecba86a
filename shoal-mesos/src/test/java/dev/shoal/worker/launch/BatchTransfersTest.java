package dev.shoal.worker.launch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.backend.FileServer;
import java.io.DataOutputStream;
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
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many files in one request ({@link FileBatch}) against the engine's file server, real sockets. */
class BatchTransfersTest {
  @TempDir Path tmp;

  private FileServer server(int max, Duration wait) throws IOException {
    return new FileServer(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", max, wait);
  }

  /** 300 files of 0 bytes to 200 kB and one of 24 MiB, down and then up, byte for byte. */
  @Test
  void batchOfManyFiles_isByteExact_bothWays() throws Exception {
    Random random = new Random(42);
    List<Path> sources = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      byte[] b = new byte[i % 7 == 0 ? 0 : random.nextInt(i % 10 == 1 ? 200_000 : 300)];
      random.nextBytes(b);
      sources.add(Files.write(Files.createDirectories(tmp.resolve("src")).resolve("f" + i), b));
    }
    byte[] big = new byte[24 << 20];
    random.nextBytes(big);
    sources.add(Files.write(tmp.resolve("src/big"), big));
    Path got = Files.createDirectories(tmp.resolve("got"));
    Path staged = Files.createDirectories(tmp.resolve("staged"));
    try (FileServer s = server(2, Duration.ofSeconds(30))) {
      List<Batches.Item> down = new ArrayList<>();
      List<Batches.Item> up = new ArrayList<>();
      for (Path p : sources) {
        down.add(new Batches.Item(s.url(s.serve(p, true)), got.resolve(p.getFileName())));
        up.add(
            new Batches.Item(
                s.url(s.accept(staged.resolve(p.getFileName()))), got.resolve(p.getFileName())));
      }
      Batches.downloadAll(new Transfers(3), down);
      Batches.uploadAll(new Transfers(3), up);
      for (Path p : sources) {
        assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(got.resolve(p.getFileName())));
        assertArrayEquals(
            Files.readAllBytes(p), Files.readAllBytes(staged.resolve(p.getFileName())));
      }
      assertEquals(sources.size(), s.downloadsServed(), "each file of a batch counted");
      assertEquals(2 * Transfers.LANES, s.batchRequests(), "one request per lane each way");
      assertTrue(s.maxConcurrentDownloads() <= 2, "a batch is one transfer of the limit");
    }
    try (Stream<Path> left = Files.list(got)) {
      assertTrue(left.noneMatch(p -> p.toString().endsWith(".part")), "temporary file left");
    }
  }

  @Test
  void batchNamingAnUnknownToken_isRefusedWhole() throws Exception {
    Path a = Files.writeString(tmp.resolve("a"), "a");
    Path b = Files.writeString(tmp.resolve("b"), "b");
    try (FileServer s = server(2, Duration.ofSeconds(1))) {
      String ta = s.url(s.serve(a, true));
      String tb = s.url(s.serve(b, true));
      s.revoke(FileBatch.token(tb));
      List<Batches.Item> down =
          List.of(
              new Batches.Item(ta, tmp.resolve("got-a")), new Batches.Item(tb, tmp.resolve("x")));
      IOException e =
          assertThrows(IOException.class, () -> Batches.download(new Transfers(3), down));
      assertTrue(e.getMessage().contains("404"), e.getMessage());
      assertTrue(e.getMessage().contains("file 2 of the batch of 2 is not served"), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("got-a")), "part of a refused batch was sent");

      Path staged = tmp.resolve("staged");
      String ua = s.url(s.accept(staged.resolve("a")));
      String guessed = s.url("AAAAAAAAAAAAAAAAAAAAAAAA");
      List<Batches.Item> up = List.of(new Batches.Item(ua, a), new Batches.Item(guessed, b));
      IOException u = assertThrows(IOException.class, () -> Batches.upload(new Transfers(3), up));
      assertTrue(
          u.getMessage().contains("file 2 of the batch of 2 is not accepted"), u.getMessage());
      assertFalse(Files.exists(staged.resolve("a")), "part of a refused batch was committed");
      assertEquals(0, s.batchRequests());
    }
  }

  /**
   * The task's connection breaks 400 bytes into the second file: the first is committed (staged, as
   * its own upload would be), the second leaves no trace, and the batch can be sent again.
   */
  @Test
  void batchUpload_cutMidStream_leavesNoPartialFile_andCanBeRetried() throws Exception {
    Path staged = tmp.resolve("staging");
    try (FileServer s = server(2, Duration.ofSeconds(1))) {
      String t0 = s.accept(staged.resolve("out-0"));
      String t1 = s.accept(staged.resolve("out-1"));
      List<FileBatch.Entry> entries =
          List.of(new FileBatch.Entry(t0, 1000), new FileBatch.Entry(t1, 1000));
      byte[] manifest = FileBatch.manifest(entries);
      try (Socket socket = new Socket("127.0.0.1", s.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /b/put HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + (manifest.length + 2000)
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(manifest);
        out.write("0".repeat(1000).getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[400]);
        out.flush();
      }
      awaitOnly(staged, "out-0");
      assertEquals("0".repeat(1000), Files.readString(staged.resolve("out-0")));

      Path f0 = Files.writeString(tmp.resolve("f0"), "x".repeat(1000));
      Path f1 = Files.writeString(tmp.resolve("f1"), "y".repeat(1000));
      Batches.upload(
          new Transfers(3),
          List.of(new Batches.Item(s.url(t0), f0), new Batches.Item(s.url(t1), f1)));
      assertEquals("x".repeat(1000), Files.readString(staged.resolve("out-0")));
      assertEquals("y".repeat(1000), Files.readString(staged.resolve("out-1")));
    }
  }

  /** 8 clients each download a batch of 6 files of 1 MiB: never more than 2 batches at once. */
  @Test
  void batches_countAsOneTransferEach_andNeverExceedTheLimit() throws Exception {
    int clients = 8;
    try (FileServer s = server(2, Duration.ofSeconds(60))) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        urls.add(s.url(s.serve(Files.write(tmp.resolve("in" + i), new byte[1 << 20]), true)));
      }
      ExecutorService ex = Executors.newFixedThreadPool(clients);
      List<Future<?>> all = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Path dir = Files.createDirectories(tmp.resolve("client" + c));
        List<Batches.Item> items = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
          items.add(new Batches.Item(urls.get(i), dir.resolve("in" + i)));
        }
        all.add(
            ex.submit(
                () -> {
                  Batches.download(new Transfers(3), items);
                  return null;
                }));
      }
      for (Future<?> f : all) {
        f.get();
      }
      ex.shutdown();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (s.downloadsServed() < clients * 6L && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      assertEquals(clients * 6L, s.downloadsServed());
      assertEquals(clients, s.batchRequests());
      assertTrue(s.maxConcurrentDownloads() <= 2, "at most 2 at once");
      assertTrue(s.maxConcurrentDownloads() >= 2, "batches did overlap");
    }
  }

  @Test
  void malformedBatch_isRefusedWith400() throws Exception {
    try (FileServer s = server(2, Duration.ofSeconds(1));
        Socket socket = new Socket("127.0.0.1", s.port())) {
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      out.write(
          "POST /b/get HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.writeInt(-5);
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 400", head);
    }
  }

  /** The server notices a cut body on its own thread; wait until only {@code name} is left. */
  private static void awaitOnly(Path dir, String name) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<String> names;
      try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
        names = files.map(p -> p.getFileName().toString()).toList();
      }
      if (names.equals(List.of(name))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("in " + dir + ": " + names + ", expected only " + name);
      }
      Thread.sleep(10);
    }
  }
}
