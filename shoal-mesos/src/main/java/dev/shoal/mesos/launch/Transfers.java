package dev.shoal.mesos.launch;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Moves files between the sandbox and the engine's file server. A busy server answers 503 with
 * {@code Retry-After}; that, a broken connection and a 5xx are retried with a jittered back-off, up
 * to {@code attempts} times. A download lands in a temporary name and is renamed when whole.
 */
final class Transfers {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final int attempts;

  Transfers(int attempts) {
    this.attempts = attempts;
  }

  void download(String url, Path target) throws IOException, InterruptedException {
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      try {
        HttpResponse<InputStream> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
          if (r.statusCode() == 200) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            return;
          }
          last = new IOException("GET " + url + " answered " + r.statusCode());
          if (r.statusCode() < 500) {
            throw last; // 404: the engine does not serve it (any more); no retry helps
          }
          pause(i, r.headers().firstValue("Retry-After").orElse(null));
        }
      } catch (IOException e) {
        if (e == last) {
          throw e;
        }
        last = e;
        Files.deleteIfExists(tmp);
        pause(i, null);
      }
    }
    throw new IOException("cannot download " + url + " after " + attempts + " attempts", last);
  }

  void upload(Path file, String url) throws IOException, InterruptedException {
    IOException last = null;
    for (int i = 0; i < attempts; i++) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofMinutes(10))
                    .PUT(HttpRequest.BodyPublishers.ofFile(file))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 == 2) {
          return;
        }
        last = new IOException("PUT " + url + " answered " + r.statusCode() + ": " + r.body());
        if (r.statusCode() < 500) {
          throw last;
        }
        pause(i, r.headers().firstValue("Retry-After").orElse(null));
      } catch (IOException e) {
        if (e == last) {
          throw e;
        }
        last = e;
        pause(i, null);
      }
    }
    throw new IOException("cannot upload to " + url + " after " + attempts + " attempts", last);
  }

  void uploadText(String text, Path scratch, String url) throws IOException, InterruptedException {
    Files.writeString(scratch, text);
    upload(scratch, url);
  }

  /** 50 ms doubling to 2 s, at least what the server asked, with jitter so clients spread out. */
  private static void pause(int attempt, String retryAfter) throws InterruptedException {
    long ms = Math.min(2000, 50L << Math.min(attempt, 6));
    if (retryAfter != null) {
      try {
        ms = Math.max(ms, Long.parseLong(retryAfter.trim()) * 1000);
      } catch (NumberFormatException e) {
        // an HTTP date: keep our own back-off
      }
    }
    Thread.sleep(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }
}
