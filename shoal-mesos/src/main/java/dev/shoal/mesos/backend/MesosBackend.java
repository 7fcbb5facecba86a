package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.Backend;
import dev.shoal.engine.spi.EventSink;
import dev.shoal.engine.spi.SummaryFiles;
import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.CallSender;
import dev.shoal.mesos.Event;
import dev.shoal.mesos.FrameworkId;
import dev.shoal.mesos.FrameworkInfo;
import dev.shoal.mesos.MesosCallException;
import dev.shoal.mesos.MesosConnection;
import dev.shoal.worker.TopDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs each task as a Mesos task, in the Shoal executor ({@link
 * dev.shoal.worker.launch.ShoalExecutor}, one per agent) or through the command executor and the
 * {@link dev.shoal.worker.launch.TaskLauncher}, as {@link ExecutorChoice} decides, with its data
 * moved by this process's {@link FileServer}.
 *
 * <p>Threading: one scheduler thread owns all state ({@link Scheduler}); {@link #submit}, {@link
 * #cancel}, the connection's events and a half-second tick are posted to its queue. Calls to the
 * master go out in order on one sender thread, so the scheduler never waits on HTTP; a call the
 * master refuses comes back as {@link Input.CallFailed}. Events for the engine are posted from the
 * scheduler thread.
 *
 * <p>The framework id is kept in {@code <workflow>.mesos} in the workflow directory from the first
 * SUBSCRIBED until a clean TEARDOWN: an engine killed and started again fails over to the same
 * framework, and the tasks of the earlier run are killed (reconciliation names them) and run again.
 */
public final class MesosBackend implements Backend {
  private static final System.Logger LOG = System.getLogger(MesosBackend.class.getName());

  private final EventSink sink;
  private final SummaryFiles summaries;
  private final MesosOptions options;
  private final FrameworkIdFile idFile;
  private final FileServer server;
  private final TaskFiles files;
  private final Scheduler scheduler;
  private final Path stagingParent;
  private final Path staging;
  private final String workflowName;
  private final BlockingQueue<Input> inputs = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService ticker;
  private final Thread loop;
  private final CallSender sender;
  private volatile MesosConnection connection;
  private volatile boolean tornDown;
  private volatile int maxInFlight;
  private boolean closed;

  private MesosBackend(
      EventSink sink,
      MesosOptions options,
      Path workDir,
      String workflowName,
      LongSupplier micros,
      SummaryFiles summaries)
      throws IOException {
    this.sink = sink;
    this.summaries = summaries;
    this.options = options;
    this.workflowName = workflowName;
    this.idFile = new FrameworkIdFile(workDir.resolve(workflowName + ".mesos"));
    this.stagingParent = workDir.resolve(".shoal-mesos");
    TaskFiles.deleteTree(stagingParent); // what a killed run left
    Files.createDirectories(stagingParent);
    // Uploads land in a directory of this run's own, in a block group of its own (TopDir): on ext4
    // without a journal each new file there would otherwise scan past every inode recently
    // removed next to the workflow directory (docs/adr/0011).
    TopDir spread =
        TopDir.start(List.of(stagingParent), m -> LOG.log(System.Logger.Level.DEBUG, m));
    String runId = UUID.randomUUID().toString().substring(0, 8);
    spread.await();
    this.staging = Files.createDirectories(stagingParent.resolve("run-" + runId));
    this.server =
        new FileServer(
            new InetSocketAddress(
                options.fileHost().equals("127.0.0.1") ? "127.0.0.1" : "0.0.0.0", 0),
            options.fileHost(),
            options.maxDownloads(),
            Duration.ofSeconds(2));
    this.files = new TaskFiles(server, staging, options, summaries);
    FrameworkId stored = idFile.read();
    this.scheduler = new Scheduler(options, files, micros, runId, stored != null);
    this.loop = Thread.ofPlatform().daemon().name("mesos-scheduler").unstarted(this::loop);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("mesos-tick").unstarted(r));
    this.sender =
        new CallSender(
            "mesos-calls",
            call -> connection.send(call),
            new CallSender.Outcomes() {
              @Override
              public void sent(Call call) {
                if (call instanceof Call.Teardown) {
                  tornDown = true;
                }
              }

              @Override
              public void failed(Call call, MesosCallException e) {
                inputs.add(new Input.CallFailed(call, e.status(), e.getMessage()));
              }
            });
    loop.start();
    ticker.scheduleAtFixedRate(() -> inputs.add(new Input.Tick()), 500, 500, TimeUnit.MILLISECONDS);
    connect(stored);
  }

  /**
   * Starts the back end: the file server, the scheduler thread and the subscription.
   *
   * @param workflowName the workflow file's name: the framework is called {@code shoal:
   *     <workflowName>} and its id kept in {@code <workflowName>.mesos}
   */
  public static MesosBackend start(
      EventSink sink,
      MesosOptions options,
      Path workDir,
      String workflowName,
      LongSupplier micros) {
    return start(sink, options, workDir, workflowName, micros, SummaryFiles.none());
  }

  /**
   * As {@link #start(EventSink, MesosOptions, Path, String, LongSupplier)}, writing each rule's
   * resource summary ({@code --monitor}) through {@code summaries}, which the back end closes with
   * itself.
   */
  public static MesosBackend start(
      EventSink sink,
      MesosOptions options,
      Path workDir,
      String workflowName,
      LongSupplier micros,
      SummaryFiles summaries) {
    try {
      return new MesosBackend(sink, options, workDir, workflowName, micros, summaries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Mesos back end: " + e.getMessage(), e);
    }
  }

  private void connect(FrameworkId id) {
    FrameworkInfo info =
        FrameworkInfo.shoal(
            options.user(),
            "shoal: " + workflowName,
            id,
            options.role(),
            options.failoverTimeout().toSeconds());
    connection =
        MesosConnection.start(
            MesosConnection.Settings.of(options.masters(), info),
            new MesosConnection.Listener() {
              @Override
              public void event(Event event) {
                inputs.add(new Input.FromMesos(event));
              }

              @Override
              public void disconnected(String reason) {
                inputs.add(new Input.Disconnected(reason));
              }
            });
  }

  @Override
  public String name() {
    return "mesos";
  }

  @Override
  public Set<Feature> features() {
    return EnumSet.of(Feature.REMOTE_RENAME, Feature.SANDBOX);
  }

  @Override
  public void submit(TaskSpec task) {
    inputs.add(new Input.Submit(task));
  }

  @Override
  public void cancel(TaskId task) {
    inputs.add(new Input.Cancel(task));
  }

  /** The file server, for tests and benchmarks to read its counters. */
  public FileServer fileServer() {
    return server;
  }

  /** The most tasks ever in flight at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    inputs.add(new Input.Close());
    join(loop);
    sender.stop(Duration.ofSeconds(15));
    ticker.shutdownNow();
    connection.close();
    server.close();
    // Benchmarks read this line (TableOneBench): inputs served, summed transfer time.
    LOG.log(
        System.Logger.Level.DEBUG,
        String.format(
            java.util.Locale.ROOT,
            "transfers: %d bytes in %.3f s (inputs to agents)",
            server.bytesDownloaded(),
            server.downloadSeconds()));
    if (tornDown) {
      idFile.delete(); // the framework is gone: the next run starts a new one
    }
    TaskFiles.deleteTree(stagingParent);
    summaries.close();
  }

  private static void join(Thread t) {
    try {
      t.join(Duration.ofSeconds(15));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    while (true) {
      Input in;
      try {
        in = inputs.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        for (Effect e : scheduler.handle(in)) {
          perform(e);
        }
        maxInFlight = scheduler.maxInFlight();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "Mesos scheduler failed on " + in, e);
      }
      if (in instanceof Input.Close) {
        return;
      }
    }
  }

  private void perform(Effect e) {
    switch (e) {
      case Effect.Send s -> sender.send(s.call());
      case Effect.Post p -> sink.post(p.event());
      case Effect.SaveFrameworkId s -> idFile.write(s.id());
      case Effect.ForgetFrameworkId f -> {
        LOG.log(
            System.Logger.Level.WARNING, "Mesos refused the stored framework id; subscribing anew");
        idFile.delete();
        MesosConnection old = connection;
        // Not on this thread's time: closing waits for the reader thread.
        Thread.ofVirtual()
            .start(
                () -> {
                  old.close();
                  connect(null);
                });
      }
    }
  }
}
