package dev.shoal.wq.manager;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.SummaryFiles;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.wire.WireLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The Work Queue manager as a Shoal back end ({@code -T wq}): listens for workers (cctools' {@code
 * work_queue_worker} protocol 9, Shoal's worker 9 or 11) and runs the engine's tasks on them.
 *
 * <p>Threads: one acceptor; per connection a virtual reader and writer ({@link Connection}); one
 * manager thread that owns every decision ({@link Manager}); one advertiser when a project name is
 * set ({@link Advertiser}). {@link #submit} and {@link #cancel} only post to the manager's queue.
 * See docs/manager.md and docs/adr/0007-manager-threading.md.
 */
public final class WorkQueueBackend implements Backend {
  private static final System.Logger LOG = System.getLogger(WorkQueueBackend.class.getName());

  /** Bytes of one output or input held in memory while it crosses the connection. */
  static final long MAX_FILE_BYTES = 1L << 30;

  private final ServerSocket server;
  private final Manager manager;
  private final Thread managerThread;
  private final Advertiser advertiser;
  private final Connection.Handshake handshake;
  private final WireLimits limits = WireLimits.DEFAULT.withMaxPayloadBytes(MAX_FILE_BYTES);
  private final Transfers transfers = new Transfers();
  private final SummaryFiles summaries;
  private volatile boolean closed;

  /** The engine's rules not yet submitted, advertised as {@code tasks_left}. */
  private volatile int backlog;

  private WorkQueueBackend(
      ManagerOptions options,
      EventSink sink,
      LongSupplier micros,
      Consumer<String> notes,
      Path workDir,
      SummaryFiles summaries)
      throws IOException {
    this.summaries = summaries;
    // Plain TCP: a channel's socket, so accepted sockets have channels and file bodies go out by
    // sendfile. TLS: the JDK's TLS sockets have no channel; bodies are copied through the stream.
    server =
        options.tls() == null
            ? ServerSocketChannel.open().socket()
            : options.tls().getServerSocketFactory().createServerSocket();
    server.setReuseAddress(true);
    try {
      server.bind(new InetSocketAddress((InetAddress) null, options.port()), 1024);
    } catch (IOException e) {
      server.close();
      throw new IOException(
          "cannot listen for workers on port "
              + options.port()
              + ": "
              + e.getMessage()
              + " — choose another with -p, or -p 0 for any free port",
          e);
    }
    int port = server.getLocalPort();
    if (options.portFile() != null) {
      writePortFile(options.portFile(), port);
    }
    ManagerRecords.Identity id =
        new ManagerRecords.Identity(
            options.projectName(),
            hostname(),
            port,
            System.getProperty("user.name", "unknown"),
            micros.getAsLong() / 1_000_000,
            workDir.toAbsolutePath().toString(),
            () -> backlog,
            options.tls() != null);
    Manager.Notes log =
        (level, message) -> {
          // Users see these through notes (makeflow prints them); the log keeps them for -d.
          LOG.log(System.Logger.Level.DEBUG, message);
          if (level.getSeverity() >= System.Logger.Level.INFO.getSeverity()) {
            notes.accept(message);
          }
        };
    manager = new Manager(options, id, sink, micros, System::nanoTime, log, summaries);
    handshake =
        new Connection.Handshake(
            options.password(),
            options.projectName(),
            (int) Math.max(5_000, options.keepaliveTimeout().toMillis()));
    managerThread = Thread.ofPlatform().name("wq-manager").daemon().start(manager::run);
    Thread.ofPlatform().name("wq-accept-" + port).daemon().start(this::acceptLoop);
    advertiser =
        options.projectName() == null
            ? null
            : Advertiser.start(options.catalogHosts(), id, manager::stats, log);
  }

  /**
   * Starts listening and managing.
   *
   * @param notes receives what a user should see (workers joining and leaving, dropped
   *     connections); called from the manager's threads
   * @param workDir the workflow directory (advertised)
   * @throws IOException when the port cannot be bound or the port file written
   */
  public static WorkQueueBackend start(
      ManagerOptions options,
      EventSink sink,
      LongSupplier micros,
      Consumer<String> notes,
      Path workDir)
      throws IOException {
    return start(options, sink, micros, notes, workDir, SummaryFiles.none());
  }

  /**
   * As {@link #start(ManagerOptions, EventSink, LongSupplier, Consumer, Path)}, writing the
   * resource summaries workers send back ({@code --monitor}) through {@code summaries}, which the
   * back end closes with itself.
   */
  public static WorkQueueBackend start(
      ManagerOptions options,
      EventSink sink,
      LongSupplier micros,
      Consumer<String> notes,
      Path workDir,
      SummaryFiles summaries)
      throws IOException {
    return new WorkQueueBackend(options, sink, micros, notes, workDir, summaries);
  }

  /** The port workers connect to. */
  public int port() {
    return server.getLocalPort();
  }

  @Override
  public String name() {
    return "wq";
  }

  @Override
  public Set<Feature> features() {
    return EnumSet.of(Feature.REMOTE_RENAME, Feature.SANDBOX);
  }

  @Override
  public void submit(TaskSpec task) {
    manager.post(new Event.Submit(task));
  }

  @Override
  public void cancel(TaskId task) {
    manager.post(new Event.Cancel(task));
  }

  @Override
  public void backlog(int rulesNotSubmitted) {
    backlog = rulesNotSubmitted;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.WARNING, "closing the worker port: " + e.getMessage());
    }
    CountDownLatch done = new CountDownLatch(1);
    manager.post(new Event.Shutdown(done));
    try {
      if (!done.await(10, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "the Work Queue manager did not stop within 10 s");
      }
      if (advertiser != null) {
        advertiser.stop();
      }
      managerThread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    summaries.close();
    // Benchmarks read this line (TableOneBench): inputs sent to workers, summed transfer time.
    LOG.log(
        System.Logger.Level.DEBUG,
        String.format(
            java.util.Locale.ROOT,
            "transfers: %d bytes in %.3f s (inputs to workers)",
            transfers.bytes(),
            transfers.seconds()));
  }

  private void acceptLoop() {
    while (!closed) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(System.Logger.Level.ERROR, "accepting workers failed: " + e.getMessage(), e);
        }
        return;
      }
      try {
        s.setTcpNoDelay(true);
        s.setKeepAlive(true);
        new Connection(s, limits, manager::post, transfers).start(handshake);
      } catch (IOException e) {
        LOG.log(System.Logger.Level.WARNING, "cannot set up a connection: " + e.getMessage());
        try {
          s.close();
        } catch (IOException x) {
          LOG.log(System.Logger.Level.DEBUG, x.getMessage());
        }
      }
    }
  }

  private static void writePortFile(Path file, int port) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
    Files.writeString(tmp, port + "\n");
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /** For tests: the manager's latest snapshot. */
  QueueStats stats() {
    return manager.stats();
  }
}
