package dev.shoal.worker.launch;

import static dev.shoal.mesos.backend.SameTree.assertSameTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.backend.FileServer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directories between the launcher and the engine's file server, real sockets on 127.0.0.1. */
class DirTransfersTest {
  @TempDir Path tmp;

  private FileServer server() throws IOException {
    return new FileServer(
        new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", 2, Duration.ofSeconds(1));
  }

  private Path sample(String name) throws IOException {
    Path d = tmp.resolve(name);
    Files.createDirectories(d.resolve("sub/deeper"));
    Files.createDirectories(d.resolve("empty"));
    Files.writeString(d.resolve("a"), "alpha\n");
    Files.write(d.resolve("sub/deeper/big"), new byte[300_000]);
    Files.writeString(d.resolve("sub/run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(
        d.resolve("sub/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    return d;
  }

  @Test
  void download_ofAServedDirectory_isWhole_andOnlyItsTokenIsServed() throws Exception {
    Path src = sample("src");
    try (FileServer s = server()) {
      String url = s.url(s.serve(src, true));
      Path got = tmp.resolve("work/in");
      Files.createDirectories(got.getParent());
      new Transfers(3).download(url, got);
      assertSameTree(src, got);
      assertEquals(List.of("in"), names(got.getParent()), "no .part left");
      new Transfers(3).download(url, got); // again over an existing one: replaced whole
      assertSameTree(src, got);
      IOException inside =
          assertThrows(
              IOException.class, () -> new Transfers(1).download(url + "/a", tmp.resolve("x")));
      assertTrue(inside.getMessage().contains("404"), inside.getMessage());
    }
  }

  @Test
  void download_ofADirectoryWithALinkOutside_isRefusedAtOnce_withTheReason() throws Exception {
    Path src = sample("src");
    Files.writeString(tmp.resolve("secret"), "secret");
    Files.createSymbolicLink(src.resolve("sub/leak"), tmp.resolve("secret"));
    try (FileServer s = server()) {
      String url = s.url(s.serve(src, true));
      IOException e =
          assertThrows(IOException.class, () -> new Transfers(8).download(url, tmp.resolve("in")));
      assertTrue(e.getMessage().contains("403"), e.getMessage());
      assertTrue(e.getMessage().contains(DirStream.REFUSED), e.getMessage());
      assertTrue(e.getMessage().contains("leak"), e.getMessage());
      assertFalse(Files.exists(tmp.resolve("in")));
    }
  }

  @Test
  void upload_ofADirectory_landsWholeAtItsStagedTarget_andARetryReplacesIt() throws Exception {
    Path out = sample("out");
    Path target = tmp.resolve("staging/t.out-0");
    try (FileServer s = server()) {
      String url = s.url(s.accept(target));
      new Transfers(3).upload(out, url);
      assertSameTree(out, target);
      Files.writeString(out.resolve("a"), "changed\n");
      new Transfers(3).upload(out, url);
      assertSameTree(out, target);
      assertEquals(List.of("t.out-0"), names(target.getParent()));
    }
  }

  @Test
  void upload_cutMidStream_leavesNothing_andCanBeRetried() throws Exception {
    Path out = sample("out");
    Path target = tmp.resolve("staging/t.out-0");
    DirStream.Listing l = DirStream.list(out);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    DirStream.write(l, whole);
    try (FileServer s = server()) {
      String token = s.accept(target);
      try (Socket socket = new Socket("127.0.0.1", s.port())) {
        OutputStream o = socket.getOutputStream();
        o.write(head(token, l.bytes()));
        o.write(whole.toByteArray(), 0, (int) (l.bytes() / 2));
        o.flush();
      } // the task's connection breaks half way through the big file
      awaitEmpty(target.getParent());
      new Transfers(3).upload(out, s.url(token));
      assertSameTree(out, target);
    }
  }

  @Test
  void upload_ofAHostileStream_isRefused400_andWritesNothingOutside() throws Exception {
    Path target = tmp.resolve("staging/t.out-0");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    byte[] path = "../../escaped".getBytes(StandardCharsets.UTF_8);
    d.writeByte(2);
    d.writeShort(path.length);
    d.write(path);
    d.writeShort(0644);
    d.writeLong(3);
    d.write("bad".getBytes(StandardCharsets.US_ASCII));
    d.writeByte(0);
    byte[] stream = b.toByteArray();
    try (FileServer s = server();
        Socket socket = new Socket("127.0.0.1", s.port())) {
      String token = s.accept(target);
      socket.getOutputStream().write(head(token, stream.length));
      socket.getOutputStream().write(stream);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 400", answer);
      awaitEmpty(target.getParent());
    }
    assertFalse(Files.exists(tmp.resolve("escaped")));
    assertFalse(Files.exists(tmp.resolve("staging/escaped")));
  }

  private static byte[] head(String token, long length) {
    return ("PUT /f/"
            + token
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: "
            + DirStream.CONTENT_TYPE
            + "\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** The server notices a cut or refused body on its own thread; wait for its clean-up. */
  private static void awaitEmpty(Path dir) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (Files.exists(dir) && !names(dir).isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("left in " + dir + ": " + names(dir));
      }
      Thread.sleep(10); // polling the server's own clean-up, which gives no signal
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
