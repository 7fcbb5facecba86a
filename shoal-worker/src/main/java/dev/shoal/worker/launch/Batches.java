package dev.shoal.worker.launch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's side of {@link FileBatch}: many inputs in one request, many outputs in another. A
 * task with thousands of small files (SHRIMP's split and combine) otherwise pays a round trip and a
 * request's handling per file. Retries as {@link Transfers} does (503 with {@code Retry-After},
 * 5xx, a broken stream; a 4xx is final). Stateless: every method may be called from any thread.
 */
final class Batches {
  /**
   * A task (or a bundle's member) with more inputs, or more outputs, than this moves them in
   * batches. Measured on loopback ({@code BatchThresholdBench}, 2 KiB files, loaded 2-core host): a
   * batch request costs about 1.3 ms more than a single one, and {@link Transfers#LANES} single
   * requests run at once, so singles win up to about 6 files, the two are even at 8, and batches
   * win from 16 (6.3 against 7.8 ms down, 3.2 against 9.9 ms up) and by far at thousands.
   */
  static final int FROM = 8;

  /** The most files in one request, so a failed try repeats little and lanes share the rest. */
  static final int MAX_PER_REQUEST = 1024;

  /**
   * The fewest files in one request when there are more: a few dozen small files go in one request
   * (a bundle's prefetch took 4 download slots of the limit for 32 chunks when split by lanes).
   */
  static final int MIN_PER_REQUEST = 64;

  private Batches() {}

  /** A file of a batch: its URL on the engine's file server and its place in the sandbox. */
  record Item(String url, Path file) {}

  /** Downloads every item to its file, in batches spread over {@link Transfers#LANES}. */
  static void downloadAll(Transfers t, List<Item> items) throws IOException, InterruptedException {
    Transfers.each(split(items), batch -> download(t, batch));
  }

  /**
   * Uploads every item: its regular files in batches when there are more than {@code batchPast}
   * (else one request each), its directories one request each (a {@link DirStream} never goes in a
   * batch).
   */
  static void uploadAny(Transfers t, List<Item> items, int batchPast)
      throws IOException, InterruptedException {
    List<Item> files = new ArrayList<>(items.size());
    List<Item> dirs = new ArrayList<>();
    for (Item i : items) {
      (Files.isDirectory(i.file, LinkOption.NOFOLLOW_LINKS) ? dirs : files).add(i);
    }
    if (files.size() > batchPast) {
      uploadAll(t, files);
    } else {
      Transfers.each(files, i -> t.upload(i.file, i.url));
    }
    Transfers.each(dirs, i -> t.upload(i.file, i.url));
  }

  /** Uploads every item's file, in batches spread over {@link Transfers#LANES}. */
  static void uploadAll(Transfers t, List<Item> items) throws IOException, InterruptedException {
    Transfers.each(split(items), batch -> upload(t, batch));
  }

  /**
   * The items in requests: one server each, about as many as lanes, each of at least {@link
   * #MIN_PER_REQUEST} (but the last) and at most {@link #MAX_PER_REQUEST} files.
   */
  static List<List<Item>> split(List<Item> items) {
    Map<String, List<Item>> byServer = new LinkedHashMap<>();
    for (Item i : items) {
      byServer.computeIfAbsent(FileBatch.server(i.url), k -> new ArrayList<>()).add(i);
    }
    List<List<Item>> out = new ArrayList<>();
    for (List<Item> same : byServer.values()) {
      int per = (same.size() + Transfers.LANES - 1) / Transfers.LANES;
      per = Math.min(MAX_PER_REQUEST, Math.max(MIN_PER_REQUEST, per));
      for (int from = 0; from < same.size(); from += per) {
        out.add(same.subList(from, Math.min(same.size(), from + per)));
      }
    }
    return out;
  }

  /**
   * One batch download of items of one server. A file lands under a temporary name and is renamed
   * when whole; after a broken stream only the files not yet whole are asked for again.
   */
  static void download(Transfers t, List<Item> items) throws IOException, InterruptedException {
    List<Item> left = items;
    IOException last = null;
    for (int attempt = 0; attempt < t.attempts() && !left.isEmpty(); attempt++) {
      String url = FileBatch.batchUrl(left.getFirst().url, FileBatch.GET);
      HttpURLConnection c = Transfers.open(url);
      int done = 0;
      try {
        byte[] body = FileBatch.tokens(left.stream().map(i -> FileBatch.token(i.url)).toList());
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = c.getOutputStream()) {
          out.write(body);
        }
        int status = c.getResponseCode();
        if (status == 200) {
          try (DataInputStream in =
              new DataInputStream(new BufferedInputStream(c.getInputStream(), 64 * 1024))) {
            for (Item i : left) {
              receive(in, i.file);
              done++;
            }
            if (in.read() != -1) {
              throw new IOException(
                  "POST " + url + " sent more than the " + left.size() + " files");
            }
          }
          c = null; // read to its end and closed: the connection can be used again
          return;
        }
        last = refused(c, url, status, left.size());
        if (status < 500) {
          throw last; // a token not served (any more): no retry helps
        }
        Transfers.pause(attempt, c.getHeaderField("Retry-After"));
      } catch (IOException e) {
        if (e == last) {
          throw e;
        }
        last = e;
        left = left.subList(done, left.size());
        Transfers.pause(attempt, null);
      } finally {
        if (c != null) {
          c.disconnect();
        }
      }
    }
    if (left.isEmpty()) {
      return;
    }
    throw new IOException(
        "cannot download a batch of " + items.size() + " files after " + t.attempts() + " attempts",
        last);
  }

  private static void receive(DataInputStream in, Path target) throws IOException {
    long size = in.readLong();
    Path tmp = target.resolveSibling(target.getFileName() + ".part");
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 64 * 1024)) {
      FileBatch.copy(in, out, size);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * One batch upload of items of one server: the manifest, then each file streamed from disk. A
   * failed try sends the whole batch again (the server commits each file by a rename, so a file
   * sent twice is simply replaced).
   */
  static void upload(Transfers t, List<Item> items) throws IOException, InterruptedException {
    String url = FileBatch.batchUrl(items.getFirst().url, FileBatch.PUT);
    IOException last = null;
    for (int attempt = 0; attempt < t.attempts(); attempt++) {
      HttpURLConnection c = Transfers.open(url);
      try {
        List<FileBatch.Entry> entries = new ArrayList<>(items.size());
        long total = 0;
        for (Item i : items) {
          long size = Files.size(i.file);
          entries.add(new FileBatch.Entry(FileBatch.token(i.url), size));
          total += size;
        }
        byte[] manifest = FileBatch.manifest(entries);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setFixedLengthStreamingMode(manifest.length + total);
        try (OutputStream out = new BufferedOutputStream(c.getOutputStream(), 64 * 1024)) {
          out.write(manifest);
          for (int k = 0; k < items.size(); k++) {
            try (InputStream in = Files.newInputStream(items.get(k).file)) {
              FileBatch.copy(in, out, entries.get(k).size());
            }
          }
        }
        int status = c.getResponseCode();
        if (status / 100 == 2) {
          c.getInputStream().close(); // no body: the connection can be used again
          c = null;
          return;
        }
        last = refused(c, url, status, items.size());
        if (status < 500) {
          throw last;
        }
        Transfers.pause(attempt, c.getHeaderField("Retry-After"));
      } catch (IOException e) {
        if (e == last) {
          throw e;
        }
        last = e;
        Transfers.pause(attempt, null);
      } finally {
        if (c != null) {
          c.disconnect();
        }
      }
    }
    throw new IOException(
        "cannot upload a batch of " + items.size() + " files after " + t.attempts() + " attempts",
        last);
  }

  /** The failure a non-2xx answer means, with the server's reason when it gave one. */
  private static IOException refused(HttpURLConnection c, String url, int status, int files) {
    String why = "";
    try (InputStream err = c.getErrorStream()) {
      if (err != null) {
        why = new String(err.readNBytes(1024), StandardCharsets.UTF_8).strip();
      }
    } catch (IOException e) {
      why = "";
    }
    return new IOException(
        "POST "
            + url
            + " of "
            + files
            + " files answered "
            + status
            + (why.isEmpty() ? "" : ": " + why));
  }
}
