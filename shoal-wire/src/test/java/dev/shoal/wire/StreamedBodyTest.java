package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File bodies written from a file channel and read as {@link Body}s, never held whole. */
class StreamedBodyTest {
  @TempDir Path dir;

  private Path file(String name, int size) throws IOException {
    byte[] b = new byte[size];
    new Random(size).nextBytes(b);
    return Files.write(dir.resolve(name), b);
  }

  @Test
  void putFromAFile_readAsBodies_copiesExactBytesAndKeepsTheStreamInStep() throws Exception {
    Path small = file("small", 1000);
    Path large = file("large", 3 << 20); // beyond the write buffer and the transfer buffer
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    WireCodec w = new WireCodec(new ByteArrayInputStream(new byte[0]), wire);
    for (Path p : new Path[] {small, large}) {
      try (FileChannel f = FileChannel.open(p)) {
        w.writePut(p.getFileName().toString(), f, f.size(), 0640);
      }
    }
    w.write(new ManagerMessage.Check());
    w.flush();

    WireCodec r =
        new WireCodec(new ByteArrayInputStream(wire.toByteArray()), OutputStream.nullOutputStream())
            .streamFileBodies(10 << 20);
    for (Path p : new Path[] {small, large}) {
      ManagerMessage.PutBody put =
          assertInstanceOf(ManagerMessage.PutBody.class, r.readFromManager());
      assertEquals(p.getFileName().toString(), put.name());
      assertEquals(0640, put.mode());
      Path copy = dir.resolve("copy-" + put.name());
      try (FileChannel out =
          FileChannel.open(copy, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        put.body().copyTo(out);
      }
      assertTrue(put.body().arrived());
      assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(copy));
    }
    assertInstanceOf(ManagerMessage.Check.class, r.readFromManager());
  }

  @Test
  void fileReply_overASocketChannel_usesTheRawChannelAndArrivesWhole() throws Exception {
    Path large = file("out", 5 << 20);
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      CompletableFuture<byte[]> got =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket s = server.socket().accept()) {
                  WireCodec r =
                      new WireCodec(s.getInputStream(), s.getOutputStream())
                          .streamFileBodies(10 << 20);
                  WorkerMessage.FileBody f =
                      assertInstanceOf(WorkerMessage.FileBody.class, r.readFromWorker());
                  assertEquals(Optional.of(0755), f.mode());
                  ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                  f.body().copyTo(Channels.newChannel(bytes));
                  assertInstanceOf(Message.End.class, r.readFromWorker());
                  return bytes.toByteArray();
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (SocketChannel ch = SocketChannel.open(server.getLocalAddress());
          FileChannel f = FileChannel.open(large)) {
        Socket s = ch.socket();
        WireCodec w =
            new WireCodec(s.getInputStream(), s.getOutputStream(), ch, WireLimits.DEFAULT);
        w.writeFileData("file-1-out", f, f.size(), Optional.of(0755));
        w.write(new Message.End());
        w.flush();
        assertArrayEquals(Files.readAllBytes(large), got.get());
      }
    }
  }

  @Test
  void aFailingDestination_stillConsumesTheBody_soTheNextMessageReads() throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    WireCodec w = new WireCodec(new ByteArrayInputStream(new byte[0]), wire);
    w.write(new ManagerMessage.Put("a", Payload.utf8("x".repeat(700_000)), 0644));
    w.write(new ManagerMessage.Check());
    w.flush();
    WireCodec r =
        new WireCodec(new ByteArrayInputStream(wire.toByteArray()), OutputStream.nullOutputStream())
            .streamFileBodies(1 << 20);
    ManagerMessage.PutBody put =
        assertInstanceOf(ManagerMessage.PutBody.class, r.readFromManager());
    WritableByteChannel broken =
        new WritableByteChannel() {
          @Override
          public int write(ByteBuffer src) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public boolean isOpen() {
            return true;
          }

          @Override
          public void close() {}
        };
    IOException e = assertThrows(IOException.class, () -> put.body().copyTo(broken));
    assertEquals("disk full", e.getMessage());
    assertTrue(put.body().arrived());
    assertInstanceOf(ManagerMessage.Check.class, r.readFromManager());
  }

  @Test
  void readingOn_beforeTheBodyIsConsumed_isAProgrammingError() throws Exception {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    WireCodec w = new WireCodec(new ByteArrayInputStream(new byte[0]), wire);
    w.write(new ManagerMessage.Put("a", Payload.utf8("abc"), 0644));
    w.write(new ManagerMessage.Check());
    w.flush();
    WireCodec r =
        new WireCodec(new ByteArrayInputStream(wire.toByteArray()), OutputStream.nullOutputStream())
            .streamFileBodies(1 << 20);
    r.readFromManager();
    assertThrows(IllegalStateException.class, r::readFromManager);
  }

  @Test
  void overTheStreamLimit_orCutShort_isAProtocolError() throws Exception {
    byte[] over = "put a 2000 0644\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    WireCodec r =
        new WireCodec(new ByteArrayInputStream(over), OutputStream.nullOutputStream())
            .streamFileBodies(1000);
    assertThrows(ProtocolException.class, r::readFromManager);

    byte[] cut = "file f 10\nabc".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    WireCodec r2 =
        new WireCodec(new ByteArrayInputStream(cut), OutputStream.nullOutputStream())
            .streamFileBodies(1000);
    WorkerMessage.FileBody f = assertInstanceOf(WorkerMessage.FileBody.class, r2.readFromWorker());
    assertThrows(
        ProtocolException.class,
        () -> f.body().copyTo(Channels.newChannel(OutputStream.nullOutputStream())));
  }

  @Test
  void aFileThatShrank_isAnIoError() throws Exception {
    Path p = file("shrinks", 100_000);
    WireCodec w =
        new WireCodec(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream());
    try (FileChannel f = FileChannel.open(p)) {
      assertThrows(IOException.class, () -> w.writePut("x", f, 200_000, 0644));
    }
  }
}
