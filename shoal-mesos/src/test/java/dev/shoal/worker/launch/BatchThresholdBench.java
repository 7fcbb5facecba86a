package dev.shoal.worker.launch;

import dev.shoal.mesos.backend.FileServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a batch starts to pay ({@link Batches#FROM}): a task's n small files (2 KiB, as SHRIMP's
 * map outputs) moved one request each over {@link Transfers#LANES} lanes, against in batches, on
 * loopback; the median of 200 tries per n. Run with {@code -Dshoal.bench.batch=true}.
 */
@EnabledIfSystemProperty(named = "shoal.bench.batch", matches = "true")
class BatchThresholdBench {
  @TempDir Path tmp;

  @Test
  void singlesVersusBatches() throws Exception {
    try (FileServer s =
        new FileServer(new InetSocketAddress("127.0.0.1", 0), "127.0.0.1", 8, Duration.ZERO)) {
      Transfers t = new Transfers(3);
      System.out.println(
          "| files | singles down µs | batch down µs | singles up µs | batch up µs |");
      for (int n : new int[] {1, 2, 3, 4, 6, 8, 16, 64}) {
        List<Batches.Item> down = new ArrayList<>();
        List<Batches.Item> up = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Path src = Files.write(tmp.resolve("src" + n + "-" + i), new byte[2048]);
          down.add(new Batches.Item(s.url(s.serve(src, true)), tmp.resolve("got" + n + "-" + i)));
          up.add(new Batches.Item(s.url(s.accept(tmp.resolve("up" + n + "-" + i))), src));
        }
        long sd = median(() -> Transfers.each(down, i -> t.download(i.url(), i.file())));
        long bd = median(() -> Batches.downloadAll(t, down));
        long su = median(() -> Transfers.each(up, i -> t.upload(i.file(), i.url())));
        long bu = median(() -> Batches.uploadAll(t, up));
        System.out.printf(Locale.ROOT, "| %d | %d | %d | %d | %d |%n", n, sd, bd, su, bu);
      }
    }
  }

  private interface Op {
    void run() throws Exception;
  }

  private static long median(Op op) throws Exception {
    int tries = 200;
    long[] us = new long[tries];
    for (int w = 0; w < 50; w++) {
      op.run();
    }
    for (int i = 0; i < tries; i++) {
      long t0 = System.nanoTime();
      op.run();
      us[i] = (System.nanoTime() - t0) / 1000;
    }
    Arrays.sort(us);
    return us[tries / 2];
  }
}
