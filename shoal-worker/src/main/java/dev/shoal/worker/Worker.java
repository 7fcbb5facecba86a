package dev.shoal.worker;

import dev.shoal.monitor.TaskMonitor;
import dev.shoal.monitor.exec.ShellPool;
import dev.shoal.wire.Tls;
import dev.shoal.wire.WorkerMessage;
import dev.shoal.worker.WorkerOptions.HostPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;

/**
 * The worker process: connects to its manager (given, or found through the catalog), serves it with
 * a {@link Session}, and connects again with exponential back-off when the connection ends, until
 * the manager says {@code exit}, the idle timeout or the wall time passes, or a password is
 * refused. Every disconnection drops the tasks and the cache: a new connection may be a new
 * manager.
 *
 * <p>Its own directory ({@code <workdir>/shoal-worker-<pid>}) holds the cache and the task
 * sandboxes and is removed at exit. Threading: {@link #run} on the caller's thread; a watchdog
 * thread checks the idle timeout and wall time each second.
 */
final class Worker {
  static final String VERSION = versionString();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerOptions options;
  private final Log log;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean cleaned = new AtomicBoolean();
  private volatile String stopReason;
  private volatile Session current;
  private volatile long lastWorkNanos = System.nanoTime();
  private Path root;
  private TaskMonitor monitor;
  private ShellPool pool;
  private TaskRunner runner;

  Worker(WorkerOptions options, Log log) {
    this.options = options;
    this.log = log;
  }

  /** Runs until the worker should exit; returns its exit code (0, or 1 after a fatal error). */
  int run() {
    Thread hook = Thread.ofPlatform().unstarted(this::cleanUp);
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("shoal-watchdog").unstarted(r));
    try {
      WorkerContext ctx = setUp();
      watchdog.scheduleAtFixedRate(this::watch, 1, 1, TimeUnit.SECONDS);
      return loop(ctx);
    } catch (IOException e) {
      log.error(
          "cannot set up the worker in "
              + options.workdir()
              + ": "
              + e.getMessage()
              + " — choose another directory with -s");
      return 1;
    } finally {
      watchdog.shutdownNow();
      cleanUp();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs cleanUp, which is idempotent
      }
    }
  }

  private WorkerContext setUp() throws IOException {
    Files.createDirectories(options.workdir());
    root =
        options.workdir().resolve("shoal-worker-" + ProcessHandle.current().pid()).toAbsolutePath();
    Trees.delete(root);
    Files.createDirectories(root);
    Path cacheDir = Files.createDirectories(root.resolve("cache"));
    // Sandboxes and cache shards go to block groups of their own: chattr runs meanwhile.
    TopDir top = TopDir.start(List.of(root, cacheDir), log::debug);
    Amounts total = Machine.totals(options, options.workdir());
    monitor = TaskMonitor.start(TaskMonitor.Options.system(Duration.ofMillis(500)));
    pool = new ShellPool();
    top.await();
    Cache cache = new Cache(cacheDir);
    runner = new TaskRunner(root, cache, total, monitor, pool, Worker::micros, log);
    byte[] password = null;
    if (options.passwordFile().isPresent()) {
      password = Files.readAllBytes(options.passwordFile().get());
    }
    long end = options.wallTime().map(w -> Instant.now().plus(w).getEpochSecond()).orElse(0L);
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    log.info("worker in " + root + " offering " + total);
    return new WorkerContext(
        options.protocol(),
        hostname(),
        options.os(),
        options.arch(),
        VERSION,
        "worker-" + HexFormat.of().formatHex(id),
        options.features(),
        options.projects(),
        password,
        end,
        total,
        cache,
        runner,
        log,
        () -> lastWorkNanos = System.nanoTime());
  }

  private int loop(WorkerContext ctx) {
    Backoff backoff = new Backoff(options.minBackoff(), options.maxBackoff());
    SecureRandom random = new SecureRandom();
    while (stopReason == null) {
      Optional<CatalogLookup.Found> target =
          options.manager().isPresent()
              ? options.manager().map(m -> new CatalogLookup.Found(m, options.protocol()))
              : CatalogLookup.find(
                  options.catalogs(), options.projects(), options.protocol(), random, log);
      boolean served = false;
      if (target.isPresent()) {
        int version = options.protocolGiven() ? options.protocol() : target.get().protocol();
        Session.Ending ending = connect(target.get().address(), ctx.withProtocol(version));
        served = ending != null;
        if (served) {
          dropWork(ctx);
          switch (ending) {
            case EXIT -> {
              return 0;
            }
            case AUTH_FAILED -> {
              return 1;
            }
            case RELEASED -> backoff.reset();
            default -> {}
          }
          if (ending == Session.Ending.RELEASED && !options.singleShot()) {
            continue;
          }
        }
      }
      if (options.singleShot() && served) {
        return 0;
      }
      Duration wait = backoff.next();
      log.debug("next connection attempt in " + wait.toMillis() + " ms");
      try {
        if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    log.info(stopReason);
    return 0;
  }

  /** Connects and serves; null if the connection could not be made. */
  private Session.Ending connect(HostPort target, WorkerContext ctx) {
    Socket socket;
    try {
      // A channel's socket: file bodies can then be sent by the kernel (sendfile).
      socket = SocketChannel.open().socket();
    } catch (IOException e) {
      log.warn("cannot open a socket: " + e.getMessage());
      return null;
    }
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(
          new InetSocketAddress(target.host(), target.port()), (int) CONNECT_TIMEOUT.toMillis());
      if (options.ssl()) {
        socket = tls(socket, target);
      }
    } catch (IOException e) {
      log.warn("cannot connect to manager " + target + ": " + e.getMessage());
      closeQuietly(socket);
      return null;
    }
    try {
      Session s = new Session(socket, ctx);
      current = s;
      if (stopReason != null) {
        s.stop(stopReason, new WorkerMessage.Info("idle-disconnecting", "0"));
      }
      return s.serve();
    } catch (IOException e) {
      log.warn("connection to " + target + " failed: " + e.getMessage());
      closeQuietly(socket);
      return Session.Ending.LOST;
    } finally {
      current = null;
    }
  }

  /** Wraps a connected socket in TLS and shakes hands, within the connect timeout. */
  private static Socket tls(Socket plain, HostPort target) throws IOException {
    SSLSocket s =
        (SSLSocket)
            Tls.client().getSocketFactory().createSocket(plain, target.host(), target.port(), true);
    s.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
    s.startHandshake();
    s.setSoTimeout(0);
    return s;
  }

  /** The manager is gone: its tasks and files mean nothing to the next one. */
  private void dropWork(WorkerContext ctx) {
    runner.killAll();
    try {
      ctx.cache().clear();
    } catch (IOException e) {
      log.warn("cannot empty the cache " + ctx.cache().dir() + ": " + e.getMessage());
    }
  }

  /**
   * The process that started the worker, watched with {@code --parent-death}. Its id is compared,
   * not its liveness: an orphan is re-parented when its parent exits, while a killed parent not yet
   * reaped still looks alive.
   */
  private final long parentPid = parentPid();

  private static long parentPid() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  /** Each second: the parent (with --parent-death), the wall time, then the idle timeout. */
  private void watch() {
    try {
      long ppid = parentPid();
      // Parent 1: the parent had already died when the worker looked (the orphan went to init).
      if (options.parentDeath() && (ppid != parentPid || ppid == 1)) {
        stop(
            "the process that started the worker ended (--parent-death): exiting",
            new WorkerMessage.Info("vacating", "0"));
        return;
      }
      long now = System.nanoTime();
      if (options.wallTime().isPresent()
          && now - startNanos >= options.wallTime().get().toNanos()) {
        stop(
            "wall time of " + options.wallTime().get().toSeconds() + " s reached: exiting",
            new WorkerMessage.Info("wall_time_exhausted", "0"));
        return;
      }
      if (runner.active() > 0) {
        lastWorkNanos = now;
      } else if (now - lastWorkNanos >= options.idleTimeout().toNanos()) {
        long s = options.idleTimeout().toSeconds();
        stop(
            "no task for " + s + " s (idle timeout): exiting",
            new WorkerMessage.Info("idle-disconnecting", Long.toString(s)));
      }
    } catch (RuntimeException e) {
      log.error("watchdog: " + e);
    }
  }

  private final long startNanos = System.nanoTime();

  private void stop(String why, WorkerMessage.Info notice) {
    if (stopReason != null) {
      return;
    }
    stopReason = why;
    Session s = current;
    if (s != null) {
      s.stop(why, notice);
    }
    stopped.countDown();
  }

  /** Kills tasks, stops shells and the monitor, removes the worker's directory. Idempotent. */
  private void cleanUp() {
    if (!cleaned.compareAndSet(false, true)) {
      return;
    }
    Session s = current;
    if (s != null) {
      s.stop("shutting down", new WorkerMessage.Info("vacating", "0"));
    }
    if (runner != null) {
      runner.close();
    }
    if (pool != null) {
      pool.close();
    }
    if (monitor != null) {
      monitor.close();
    }
    if (root != null) {
      try {
        Trees.delete(root);
      } catch (IOException e) {
        log.warn("cannot remove " + root + ": " + e.getMessage());
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  private static long micros() {
    Instant t = Instant.now();
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  /** The kernel's host name (no DNS lookup, which can stall on a badly configured node). */
  private static String hostname() {
    try {
      String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!h.isEmpty() && !h.contains(" ")) {
        return h;
      }
    } catch (IOException e) {
      // fall through
    }
    return "localhost";
  }

  private static String versionString() {
    String v = Worker.class.getPackage().getImplementationVersion();
    return "shoal-" + (v == null ? "dev" : v.replace("-SNAPSHOT", ""));
  }
}
