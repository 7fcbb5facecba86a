package dev.shoal.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A codec reading through a {@link ChannelInput}: the same messages and bytes as over a stream. */
class ChannelInputTest {
  @TempDir Path dir;

  private byte[] wireOf(int... sizes) throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    WireCodec w = new WireCodec(new ByteArrayInputStream(new byte[0]), wire);
    for (int size : sizes) {
      Path p = dir.resolve("src-" + size);
      byte[] b = new byte[size];
      new Random(size).nextBytes(b);
      Files.write(p, b);
      try (FileChannel f = FileChannel.open(p)) {
        w.writePut("f" + size, f, f.size(), 0644);
      }
      w.write(new ManagerMessage.Check());
    }
    w.flush();
    return wire.toByteArray();
  }

  private static WireCodec reader(byte[] wire) {
    ChannelInput in = new ChannelInput(Channels.newChannel(new ByteArrayInputStream(wire)));
    return new WireCodec(in, OutputStream.nullOutputStream()).streamFileBodies(64 << 20);
  }

  @Test
  void bodiesOfEverySize_copiedOrSkipped_keepTheStreamInStep() throws Exception {
    int[] sizes = {0, 1, 1000, 65535, 65536, 70000, 3 << 20};
    WireCodec r = reader(wireOf(sizes));
    for (int i = 0; i < sizes.length; i++) {
      ManagerMessage.PutBody put =
          assertInstanceOf(ManagerMessage.PutBody.class, r.readFromManager());
      assertEquals(sizes[i], put.body().length());
      if (i % 2 == 1) {
        put.body().skip();
      } else {
        Path copy = dir.resolve("copy-" + sizes[i]);
        try (FileChannel out =
            FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          put.body().copyTo(out);
        }
        assertArrayEquals(
            Files.readAllBytes(dir.resolve("src-" + sizes[i])), Files.readAllBytes(copy));
      }
      assertInstanceOf(ManagerMessage.Check.class, r.readFromManager());
    }
  }

  @Test
  void streamEndingInsideABody_isAProtocolError() throws Exception {
    byte[] wire = wireOf(100_000);
    byte[] cut = java.util.Arrays.copyOf(wire, 50_000);
    WireCodec r = reader(cut);
    ManagerMessage.PutBody put =
        assertInstanceOf(ManagerMessage.PutBody.class, r.readFromManager());
    assertThrows(ProtocolException.class, () -> put.body().skip());
  }
}
