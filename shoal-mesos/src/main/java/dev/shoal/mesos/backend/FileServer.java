package dev.shoal.mesos.backend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.shoal.worker.launch.DirStream;
import dev.shoal.worker.launch.FileBatch;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's HTTP server for task data (challenges 2 and 4): serves only the files registered
 * with {@link #serve} and accepts only the uploads registered with {@link #accept}, each under an
 * opaque random URL {@code /f/<token>} valid until {@link #revoke}d. Anything else is 404.
 *
 * <p>Downloads of data files and uploads are each bounded by {@code maxTransfers}: a request over
 * the limit waits up to {@code queueWait} for a slot, then gets {@code 503} with {@code
 * Retry-After}. The highest number of downloads ever in progress at once is kept ({@link
 * #maxConcurrentDownloads()}) so tests and benchmarks can check the bound. Control files (the
 * launcher jar) are not counted: the fetcher cannot retry a 503.
 *
 * <p>An upload is written to a temporary file beside its target and renamed over it only when all
 * of its {@code Content-Length} bytes arrived: an interrupted upload leaves nothing, and the same
 * URL may be tried again.
 *
 * <p>A declared path that is a directory moves whole on its own URL ({@link DirTransfers}, format
 * in {@link DirStream}): a {@code GET} of a served directory sends it, a {@code PUT} with its
 * content type uploads one, received beside its target and renamed to it when whole.
 *
 * <p>Many files move in one request too ({@link FileBatches}, format in {@link FileBatch}): {@code
 * POST /b/get} with several download tokens, {@code POST /b/put} with several uploads; a batch
 * takes one slot of the limit, and each of its uploads is committed as a single one is.
 *
 * <p>Threading: one virtual thread per request; every method is thread-safe.
 */
public final class FileServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FileServer.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    preferNoDelay();
  }

  record Served(Path file, boolean limited) {}

  private final HttpServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final String base;
  private final Map<String, Served> downloads = new ConcurrentHashMap<>();
  private final Map<String, Path> uploads = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong singleUploads =
      new java.util.concurrent.atomic.AtomicLong();
  private final Semaphore downloadSlots;
  private final Semaphore uploadSlots;
  private final Duration queueWait;
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private final AtomicLong served = new AtomicLong();
  private final AtomicLong partSeq = new AtomicLong();
  private final AtomicLong busy = new AtomicLong();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong sendNanos = new AtomicLong();
  private final FileBatches batches = new FileBatches(this);
  private volatile java.util.function.Predicate<Path> cutDirs = target -> false;

  /**
   * @param bind where to listen (port 0: any free port)
   * @param advertisedHost the host name agents reach this machine by
   * @param maxTransfers downloads (and, separately, uploads) in progress at once
   * @param queueWait how long a request over the limit waits before 503
   */
  public FileServer(
      InetSocketAddress bind, String advertisedHost, int maxTransfers, Duration queueWait)
      throws IOException {
    if (maxTransfers < 1) {
      throw new IllegalArgumentException(
          "--mesos-max-downloads must be at least 1, was " + maxTransfers);
    }
    this.downloadSlots = new Semaphore(maxTransfers, true);
    this.uploadSlots = new Semaphore(maxTransfers, true);
    this.queueWait = queueWait;
    server = HttpServer.create(bind, 256);
    server.setExecutor(threads);
    server.createContext("/f/", this::handle);
    server.createContext("/b/", this::handleBatch);
    server.start();
    base = "http://" + advertisedHost + ":" + server.getAddress().getPort() + "/f/";
  }

  /**
   * Asks {@code com.sun.net.httpserver} for {@code TCP_NODELAY} on the connections it accepts
   * (unless {@code -Dsun.net.httpserver.nodelay} says otherwise). It writes a response's headers
   * and its body in two segments; with Nagle's algorithm the body then waits for the client's
   * delayed ACK, 40 ms on Linux — measured, 43 of the 67 ms a SHRIMP map took on the Shoal
   * executor. The JDK reads the property once, when the first server of the JVM is created: call
   * this before creating any (this class does so when it is loaded; a test master too).
   */
  public static void preferNoDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** Serves {@code file} until revoked; {@code limited} counts it against the download limit. */
  public String serve(Path file, boolean limited) {
    String token = token();
    downloads.put(token, new Served(file, limited));
    return token;
  }

  /** Accepts one upload written to {@code target} (atomically) until revoked. */
  public String accept(Path target) {
    String token = token();
    uploads.put(token, target);
    return token;
  }

  public void revoke(String token) {
    downloads.remove(token);
    uploads.remove(token);
  }

  public String url(String token) {
    return base + token;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The most data downloads ever in progress at once. */
  public int maxConcurrentDownloads() {
    return maxActive.get();
  }

  /** Data downloads completed. */
  public long downloadsServed() {
    return served.get();
  }

  /** Bytes of data downloads (inputs; the launcher jar not counted) sent so far. */
  public long bytesDownloaded() {
    return bytesSent.get();
  }

  /** Time spent sending data downloads, summed over concurrent ones. */
  public double downloadSeconds() {
    return sendNanos.get() / 1e9;
  }

  /** Requests answered 503 because every slot stayed taken for {@code queueWait}. */
  public long busyReplies() {
    return busy.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static String token() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String token = ex.getRequestURI().getPath().substring("/f/".length());
      switch (ex.getRequestMethod()) {
        case "GET" -> get(ex, downloads.get(token));
        case "PUT" -> put(ex, uploads.get(token));
        default -> ex.sendResponseHeaders(405, -1);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "file transfer broken: {0}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void get(HttpExchange ex, Served s) throws IOException, InterruptedException {
    boolean dir = s != null && Files.isDirectory(s.file);
    if (s == null || !(dir || Files.isRegularFile(s.file))) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    DirStream.Listing listing = dir ? DirTransfers.list(ex, s.file) : null;
    if (dir && listing == null) {
      return; // refused, the answer says why
    }
    if (!s.limited) {
      send(ex, s.file);
      return;
    }
    if (!enterDownload(ex)) {
      return;
    }
    try {
      long start = System.nanoTime();
      long size = dir ? DirTransfers.send(ex, listing) : send(ex, s.file);
      countDownload(1, size, System.nanoTime() - start);
    } finally {
      leaveDownload();
    }
  }

  /**
   * Takes a download slot, waiting up to {@code queueWait}; {@code false} when none came free (the
   * request was answered 503). A batch takes one slot for all its files.
   */
  boolean enterDownload(HttpExchange ex) throws IOException, InterruptedException {
    if (!downloadSlots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
      busy(ex);
      return false;
    }
    maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
    return true;
  }

  /** Counts {@code files} data downloads sent whole: {@code bytes} in {@code nanos}. */
  void countDownload(long files, long bytes, long nanos) {
    sendNanos.addAndGet(nanos);
    bytesSent.addAndGet(bytes);
    served.addAndGet(files);
  }

  /** Gives back the slot of {@link #enterDownload}. */
  void leaveDownload() {
    active.decrementAndGet();
    downloadSlots.release();
  }

  /** As {@link #enterDownload}, for uploads. */
  boolean enterUpload(HttpExchange ex) throws IOException, InterruptedException {
    if (!uploadSlots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
      busy(ex);
      return false;
    }
    return true;
  }

  /** Gives back the slot of {@link #enterUpload}. */
  void leaveUpload() {
    uploadSlots.release();
  }

  /** Test hook: see {@link FileBatches#cutUploads}. */
  void cutBatchUploads(java.util.function.Predicate<Path> firstTarget) {
    batches.cutUploads(firstTarget);
  }

  /**
   * Test hook: a directory upload to a target {@code cut} accepts breaks after half of its bytes,
   * as a connection cut mid-stream would (the client sees the connection close without an answer).
   */
  void cutDirUploads(java.util.function.Predicate<Path> cut) {
    cutDirs = cut;
  }

  /** Batch requests (several files in one) answered whole so far. */
  public long batchRequests() {
    return batches.requests();
  }

  /** Uploads of one file (a {@code PUT}) answered whole so far. */
  public long singleUploads() {
    return singleUploads.get();
  }

  /** The file served under {@code token} and whether it counts against the limit, or null. */
  Served served(String token) {
    return downloads.get(token);
  }

  /** Where the upload under {@code token} goes, or null. */
  Path uploadTarget(String token) {
    return uploads.get(token);
  }

  /** Sends {@code file}; returns its size. */
  private static long send(HttpExchange ex, Path file) throws IOException {
    long size = Files.size(file);
    ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, size == 0 ? -1 : size);
    try (OutputStream out = ex.getResponseBody()) {
      Files.copy(file, out);
    }
    return size;
  }

  void busy(HttpExchange ex) throws IOException {
    busy.incrementAndGet();
    ex.getResponseHeaders().set("Retry-After", "1");
    ex.sendResponseHeaders(503, -1);
  }

  private void put(HttpExchange ex, Path target) throws IOException, InterruptedException {
    if (target == null) {
      ex.sendResponseHeaders(404, -1);
      return;
    }
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length == null) {
      ex.sendResponseHeaders(411, -1);
      return;
    }
    long expected = Long.parseLong(length.trim());
    if (!uploadSlots.tryAcquire(queueWait.toMillis(), TimeUnit.MILLISECONDS)) {
      busy(ex);
      return;
    }
    try {
      if (DirStream.CONTENT_TYPE.equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
        Path tmp =
            target.resolveSibling("." + target.getFileName() + "." + partSeq.incrementAndGet());
        long cutAt = cutDirs.test(target) ? expected / 2 : -1;
        if (!DirTransfers.receive(ex, target, tmp, expected, cutAt)) {
          return; // refused, the answer says why
        }
      } else {
        receive(ex.getRequestBody(), target, expected);
      }
      ex.sendResponseHeaders(201, -1);
      singleUploads.incrementAndGet();
    } finally {
      uploadSlots.release();
    }
  }

  /**
   * Writes the next {@code size} bytes of {@code in} to a new file beside {@code target} and
   * renames it over {@code target} when whole; a short stream leaves nothing and throws.
   */
  void receive(InputStream in, Path target, long size) throws IOException {
    Files.createDirectories(target.getParent());
    // One new file per upload, named by a counter: createTempFile and then Files.copy with
    // REPLACE_EXISTING made two and removed one, and each file made costs the file system.
    Path tmp = target.resolveSibling("." + target.getFileName() + "." + partSeq.incrementAndGet());
    try {
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        FileBatch.copy(in, out, size);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } finally {
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private void handleBatch(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!ex.getRequestMethod().equals("POST")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      switch (path) {
        case FileBatch.GET -> batches.get(ex);
        case FileBatch.PUT -> batches.put(ex);
        default -> ex.sendResponseHeaders(404, -1);
      }
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "batch transfer broken: {0}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
