package dev.shoal.wire;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A captured exchange split into the bytes each side sent (see captured/README.md). */
record Transcript(byte[] fromWorker, byte[] fromManager) {
  static Transcript load(String name) {
    try (InputStream in = Transcript.class.getResourceAsStream("/captured/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no captured transcript " + name);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      StringBuilder worker = new StringBuilder();
      StringBuilder manager = new StringBuilder();
      for (String line : text.split("\n", -1)) {
        if (line.startsWith("< ")) {
          worker.append(line, 2, line.length()).append('\n');
        } else if (line.startsWith("> ")) {
          manager.append(line, 2, line.length()).append('\n');
        }
      }
      return new Transcript(
          worker.toString().getBytes(StandardCharsets.UTF_8),
          manager.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  WireCodec workerSide() {
    return new WireCodec(new ByteArrayInputStream(fromManager), new ByteArrayOutputStream());
  }

  WireCodec managerSide() {
    return new WireCodec(new ByteArrayInputStream(fromWorker), new ByteArrayOutputStream());
  }
}
