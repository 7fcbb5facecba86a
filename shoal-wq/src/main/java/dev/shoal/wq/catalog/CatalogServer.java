package dev.shoal.wq.catalog;

import com.sun.net.httpserver.HttpServer;
import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A catalog server compatible with cctools' {@code catalog_server}: takes updates (JSON objects,
 * optionally {@code 0x1A} + zlib) over UDP on the query port and over TCP on the update port (one
 * object per connection), and answers HTTP queries on the query port (see {@link QueryHandler}).
 *
 * <p>Each record gets {@code address} (the sender's IP, overriding what it sent) and {@code
 * lastheardfrom} (Unix seconds), is keyed {@code address:port:name} and expires after the lifetime
 * (or its own shorter {@code lifetime}). A malformed, over-size or slow update is logged and
 * dropped; when {@link Config#maxRecords} records are live, new keys are dropped.
 *
 * <p>Threads: one for UDP, one accepting TCP plus a bounded pool of readers, a small pool for HTTP,
 * one for periodic expiry; all are daemons and all stop in {@link #close()}. The public methods are
 * thread-safe.
 */
public final class CatalogServer implements AutoCloseable {
  /**
   * How to run a server.
   *
   * @param bindAddress the interface to listen on; {@code null} for all
   * @param port the HTTP and UDP port; 0 picks a free one
   * @param updatePort the TCP update port; -1 means {@code port + 1}; 0 picks any free one
   * @param lifetime how long a record lives after its last update
   * @param maxRecords the most live records kept
   * @param maxUpdateBytes the largest update accepted (after decompression)
   * @param updateTimeout how long a TCP sender may take to send its update
   * @param clock the time source for {@code lastheardfrom} and expiry
   * @param title the name shown on the HTML pages
   */
  public record Config(
      InetAddress bindAddress,
      int port,
      int updatePort,
      Duration lifetime,
      int maxRecords,
      int maxUpdateBytes,
      Duration updateTimeout,
      InstantSource clock,
      String title) {
    public Config {
      Objects.requireNonNull(lifetime, "lifetime");
      Objects.requireNonNull(updateTimeout, "updateTimeout");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(title, "title");
      if (port < 0 || port > 65535 || updatePort < -1 || updatePort > 65535) {
        throw new IllegalArgumentException(
            "ports " + port + "/" + updatePort + " out of range: use 0-65535 (0 = any)");
      }
      if (lifetime.isNegative() || lifetime.isZero() || maxRecords < 1 || maxUpdateBytes < 1) {
        throw new IllegalArgumentException(
            "lifetime "
                + lifetime
                + ", maxRecords "
                + maxRecords
                + " and maxUpdateBytes "
                + maxUpdateBytes
                + " must all be positive");
      }
    }

    /** cctools' defaults: port 9097 (TCP updates 9098), 1800 s lifetime, 1 MB updates, 5 s. */
    public static Config defaults() {
      return new Config(
          null,
          CatalogAddress.DEFAULT_PORT,
          -1,
          Duration.ofSeconds(1800),
          10_000,
          1 << 20,
          Duration.ofSeconds(5),
          InstantSource.system(),
          "shoal catalog server");
    }

    public Config withPort(int p) {
      return new Config(
          bindAddress,
          p,
          updatePort,
          lifetime,
          maxRecords,
          maxUpdateBytes,
          updateTimeout,
          clock,
          title);
    }

    public Config withUpdatePort(int p) {
      return new Config(
          bindAddress, port, p, lifetime, maxRecords, maxUpdateBytes, updateTimeout, clock, title);
    }

    public Config withLifetime(Duration d) {
      return new Config(
          bindAddress,
          port,
          updatePort,
          d,
          maxRecords,
          maxUpdateBytes,
          updateTimeout,
          clock,
          title);
    }

    public Config withLimits(int records, int updateBytes) {
      return new Config(
          bindAddress,
          port,
          updatePort,
          lifetime,
          records,
          updateBytes,
          updateTimeout,
          clock,
          title);
    }

    public Config withClock(InstantSource c) {
      return new Config(
          bindAddress,
          port,
          updatePort,
          lifetime,
          maxRecords,
          maxUpdateBytes,
          updateTimeout,
          c,
          title);
    }

    public Config withBindAddress(InetAddress a) {
      return new Config(
          a, port, updatePort, lifetime, maxRecords, maxUpdateBytes, updateTimeout, clock, title);
    }

    public Config withTitle(String t) {
      return new Config(
          bindAddress,
          port,
          updatePort,
          lifetime,
          maxRecords,
          maxUpdateBytes,
          updateTimeout,
          clock,
          t);
    }
  }

  private final RecordStore store;
  private final UpdateSink sink;
  private final Sockets sockets;
  private final ExecutorService httpPool;
  private final ExecutorService tcpPool;
  private final ScheduledExecutorService expiry;

  private CatalogServer(Config c, Sockets sockets) {
    this.sockets = sockets;
    this.store = new RecordStore(c.clock(), c.lifetime(), c.maxRecords());
    this.sink = new UpdateSink(store, c.maxUpdateBytes());
    this.httpPool = Executors.newFixedThreadPool(4, Daemons.named("catalog-http"));
    this.tcpPool =
        new ThreadPoolExecutor(
            8,
            8,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(256),
            Daemons.named("catalog-tcp"));
    this.expiry = Executors.newSingleThreadScheduledExecutor(Daemons.named("catalog-expiry"));
  }

  /**
   * Binds the sockets and starts serving.
   *
   * @throws IOException when a port cannot be bound
   */
  public static CatalogServer start(Config config) throws IOException {
    Sockets s = Sockets.bind(config);
    CatalogServer server = new CatalogServer(config, s);
    server.begin(config);
    return server;
  }

  private void begin(Config c) {
    HttpServer http = sockets.http();
    http.createContext("/", new QueryHandler(store, c.title()));
    http.setExecutor(httpPool);
    http.start();
    int timeoutMs = (int) Math.min(Integer.MAX_VALUE, c.updateTimeout().toMillis());
    Daemons.start(
        "catalog-tcp-accept",
        new TcpListener(sockets.tcp(), tcpPool, sink, c.maxUpdateBytes(), timeoutMs));
    Daemons.start("catalog-udp", new UdpListener(sockets.udp(), sink));
    long period = Math.max(1, Math.min(60, c.lifetime().toSeconds()));
    expiry.scheduleAtFixedRate(store::expire, period, period, TimeUnit.SECONDS);
  }

  /** The bound HTTP query port, also the UDP update port. */
  public int port() {
    return sockets.http().getAddress().getPort();
  }

  /** The bound UDP update port (the same number as {@link #port()}). */
  public int udpPort() {
    return sockets.udp().getLocalPort();
  }

  /** The bound TCP update port. */
  public int updatePort() {
    return sockets.tcp().getLocalPort();
  }

  /** The live records, the most recently heard first. */
  public List<JxObject> records() {
    return store.records();
  }

  /** Updates stored since start. */
  public long updatesAccepted() {
    return sink.accepted();
  }

  /** Updates dropped since start: malformed, too large, too slow, or the catalog full. */
  public long updatesDropped() {
    return sink.dropped();
  }

  /**
   * Waits until {@code count} updates have been accepted or dropped in all.
   *
   * @return false when {@code timeout} passed first
   */
  public boolean awaitUpdates(long count, Duration timeout) throws InterruptedException {
    return sink.awaitHandled(count, timeout.toMillis());
  }

  /** Stops listening and all threads; records are discarded. Idempotent. */
  @Override
  public void close() {
    sockets.close();
    expiry.shutdownNow();
    tcpPool.shutdownNow();
    httpPool.shutdownNow();
  }

  /** The three bound sockets, closed together. */
  private record Sockets(HttpServer http, DatagramSocket udp, ServerSocket tcp) {
    private static final int ATTEMPTS = 20;

    /** Binds; with port 0, retries until a free HTTP port whose UDP twin is free too. */
    static Sockets bind(Config c) throws IOException {
      IOException last = null;
      for (int i = 0; i < ATTEMPTS; i++) {
        HttpServer http = HttpServer.create(new InetSocketAddress(c.bindAddress(), c.port()), 64);
        int port = http.getAddress().getPort();
        DatagramSocket udp = null;
        try {
          udp = new DatagramSocket(new InetSocketAddress(c.bindAddress(), port));
          int tcpPort = c.updatePort() >= 0 ? c.updatePort() : port + 1;
          ServerSocket tcp = new ServerSocket();
          try {
            tcp.setReuseAddress(true);
            tcp.bind(new InetSocketAddress(c.bindAddress(), tcpPort), 64);
          } catch (IOException e) {
            tcp.close();
            throw e;
          }
          return new Sockets(http, udp, tcp);
        } catch (IOException e) {
          http.stop(0);
          if (udp != null) {
            udp.close();
          }
          if (c.port() != 0 || !(e instanceof BindException)) {
            throw new IOException("cannot listen on port " + port + ": " + e.getMessage(), e);
          }
          last = e;
        }
      }
      throw new IOException("no free port pair after " + ATTEMPTS + " tries", last);
    }

    void close() {
      http.stop(0);
      udp.close();
      try {
        tcp.close();
      } catch (IOException e) {
        System.getLogger("dev.shoal.wq.catalog")
            .log(System.Logger.Level.DEBUG, "close failed: {0}", e.getMessage());
      }
    }
  }
}
