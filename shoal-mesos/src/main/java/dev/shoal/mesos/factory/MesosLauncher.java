package dev.shoal.mesos.factory;

import dev.shoal.mesos.Call;
import dev.shoal.mesos.CallSender;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.FrameworkInfo;
import dev.shoal.mesos.MesosConnection;
import dev.shoal.mesos.backend.FileServer;
import dev.shoal.wq.factory.WorkerExit;
import dev.shoal.wq.factory.WorkerId;
import dev.shoal.wq.factory.WorkerLauncher;
import dev.shoal.wq.factory.WorkerRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Runs the factory's workers as Mesos tasks ({@code shoal factory -T mesos}): one framework per
 * factory, each worker a command-executor task running {@code java -jar shoal-worker.jar} with the
 * factory's worker options, its cpus, mem and disk those of {@code --cores/--memory/--disk}. The
 * jar is served by a file server of this process that serves nothing else, and the agents' fetchers
 * fetch it with {@code cache: true} (once per agent on a real cluster).
 *
 * <p>Threading: every method may be called from any thread; all state is in a {@link
 * WorkerScheduler} guarded by this object's lock, fed by the factory's calls and the connection's
 * events. Calls to the master go out in order on one sender thread, never under the lock. {@link
 * #close} kills every worker, waits up to the grace period for their terminal updates, then tears
 * the framework down (the master kills whatever is left) and stops the file server.
 */
public final class MesosLauncher implements WorkerLauncher {
  private static final System.Logger LOG = System.getLogger(MesosLauncher.class.getName());

  private final MesosWorkerOptions options;
  private final FileServer server;
  private final WorkerScheduler scheduler;
  private final CallSender sender;
  private volatile MesosConnection connection;
  private long next = 1;
  private boolean closed;

  private MesosLauncher(MesosWorkerOptions options) throws IOException {
    this.options = options;
    if (!Files.isRegularFile(options.workerJar())) {
      throw new IOException(
          "the worker jar "
              + options.workerJar()
              + " does not exist — build it (./mvnw package -pl shoal-worker -am) or give"
              + " --mesos-worker-jar or SHOAL_WORKER_JAR");
    }
    boolean loopback = options.fileHost().equals("127.0.0.1");
    this.server =
        new FileServer(
            new InetSocketAddress(loopback ? "127.0.0.1" : "0.0.0.0", 0),
            options.fileHost(),
            4,
            Duration.ofSeconds(2));
    String jarUrl = server.url(server.serve(options.workerJar(), false));
    this.scheduler = new WorkerScheduler(jarUrl, UUID.randomUUID().toString().substring(0, 8));
    this.sender =
        new CallSender(
            "factory-mesos-calls",
            call -> connection.send(call),
            (call, e) -> {
              if (!(call instanceof Call.Teardown)) {
                apply(new LauncherInput.CallFailed(call, e.getMessage()));
              }
            });
    connect();
  }

  /** Starts the file server, the sender thread and the subscription. */
  public static MesosLauncher start(MesosWorkerOptions options) throws IOException {
    return new MesosLauncher(options);
  }

  private void connect() {
    FrameworkInfo info =
        FrameworkInfo.shoal(
            options.user(),
            "shoal factory",
            null,
            options.role(),
            options.failoverTimeout().toSeconds());
    connection =
        MesosConnection.start(
            MesosConnection.Settings.of(options.masters(), info),
            new MesosConnection.Listener() {
              @Override
              public void event(Event event) {
                apply(new LauncherInput.FromMesos(event));
                if (event instanceof Event.Error e) {
                  LOG.log(System.Logger.Level.WARNING, "Mesos: {0}; subscribing anew", e.message());
                  MesosConnection old = connection;
                  // Not on the reader thread: closing waits for it.
                  Thread.ofVirtual()
                      .start(
                          () -> {
                            old.close();
                            if (!isClosed()) {
                              connect();
                            }
                          });
                }
              }

              @Override
              public void disconnected(String reason) {
                apply(new LauncherInput.Disconnected(reason));
              }
            });
  }

  @Override
  public synchronized WorkerId submit(WorkerRequest request) throws IOException {
    if (closed) {
      throw new IOException("the Mesos launcher is closed: no more workers");
    }
    WorkerId id = new WorkerId(next++);
    apply(new LauncherInput.Submit(id, WorkerTask.of(request, options)));
    return id;
  }

  @Override
  public synchronized List<WorkerExit> reap() {
    return scheduler.reap();
  }

  @Override
  public synchronized int active() {
    return scheduler.active();
  }

  /** Workers running as Mesos tasks now. */
  public synchronized int running() {
    return scheduler.running();
  }

  /** Mesos tasks launched so far (a replaced worker counts again). */
  public synchronized long launches() {
    return scheduler.launches();
  }

  @Override
  public synchronized void remove(WorkerId id) {
    apply(new LauncherInput.Remove(id));
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      apply(new LauncherInput.Close());
      long deadline = System.nanoTime() + options.grace().toNanos();
      try {
        while (scheduler.running() > 0 && System.nanoTime() < deadline) {
          wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (scheduler.running() > 0) {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0} worker(s) not ended {1} s after KILL: the TEARDOWN ends them",
            scheduler.running(),
            options.grace().toSeconds());
      }
      sender.send(new Call.Teardown());
    }
    sender.stop(Duration.ofSeconds(15));
    connection.close();
    server.close();
  }

  /** Decides on {@code in} and queues the calls; wakes {@link #close} waiting for ends. */
  private synchronized void apply(LauncherInput in) {
    sender.sendAll(scheduler.handle(in));
    for (String w : scheduler.warnings()) {
      LOG.log(System.Logger.Level.WARNING, w);
    }
    notifyAll();
  }
}
