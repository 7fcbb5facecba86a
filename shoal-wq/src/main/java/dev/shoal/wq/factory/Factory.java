package dev.shoal.wq.factory;

import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The worker factory's loop: every period it reads the managers' records, decides with {@link
 * DemandPolicy} and starts workers through a {@link WorkerLauncher}. Surplus workers are not
 * stopped: they leave by their idle timeout, as with cctools.
 *
 * <p>Threading: {@link #run} and {@link #cycle} run on the caller's thread; {@link #stop} may be
 * called from any thread (a signal handler). The factory does not own the launcher: the caller
 * closes it, which removes the workers.
 */
public final class Factory {
  private final FactoryConfig config;
  private final ManagerSource source;
  private final WorkerLauncher launcher;
  private final Clock clock;
  private final PrintWriter log;
  private final CountDownLatch stop = new CountDownLatch(1);
  private Instant lastManagerSeen;
  private String lastLine = "";
  private String lastError = "";
  private int started;

  public Factory(
      FactoryConfig config,
      ManagerSource source,
      WorkerLauncher launcher,
      Clock clock,
      PrintWriter log) {
    this.config = config;
    this.source = source;
    this.launcher = launcher;
    this.clock = clock;
    this.log = log;
    this.lastManagerSeen = clock.instant();
  }

  /** Why {@link #run} returned. */
  public enum Outcome {
    STOPPED,
    NO_MANAGER
  }

  /** Runs cycles until {@link #stop} or, with a factory timeout, no manager for that long. */
  public Outcome run() throws InterruptedException {
    while (true) {
      cycle();
      if (config.factoryTimeout().isPresent()
          && Duration.between(lastManagerSeen, clock.instant())
                  .compareTo(config.factoryTimeout().get())
              >= 0) {
        say("no manager seen for " + config.factoryTimeout().get().toSeconds() + " s: exiting");
        return Outcome.NO_MANAGER;
      }
      if (stop.await(config.period().toMillis(), TimeUnit.MILLISECONDS)) {
        return Outcome.STOPPED;
      }
    }
  }

  /** Ends {@link #run} at its next wait. */
  public void stop() {
    stop.countDown();
  }

  /** Workers started so far. */
  public int started() {
    return started;
  }

  /** One cycle: reap, read the managers, decide, start. Returns the decision. */
  public Demand cycle() {
    for (WorkerExit e : launcher.reap()) {
      if (e.exitCode() != 0) {
        say(e.id() + " exited with status " + e.exitCode());
      }
    }
    List<ManagerRecord> managers = new ArrayList<>();
    try {
      for (JxObject r : source.managers()) {
        if (ManagerRecord.isManager(r) && config.serves(ManagerRecord.text(r, "project"))) {
          managers.add(ManagerRecord.of(r));
        }
      }
      lastError = "";
    } catch (IOException e) {
      // Keep the workers: a catalog that is down for a while is no reason to lose them.
      if (!e.getMessage().equals(lastError)) {
        say("cannot read managers: " + e.getMessage() + " (retrying every period)");
        lastError = e.getMessage();
      }
    }
    if (!managers.isEmpty()) {
      lastManagerSeen = clock.instant();
    }
    Demand d = config.policy().decide(managers, launcher.active());
    int ok = 0;
    for (int i = 0; i < d.toStart(); i++) {
      try {
        launcher.submit(
            new WorkerRequest(
                config.workerCommand(), config.policy().shape(), config.environment()));
        ok++;
      } catch (IOException e) {
        say("cannot start a worker: " + e.getMessage());
        break;
      }
    }
    started += ok;
    String line =
        String.format(
            "managers %d, workers needed %d, connected %d, running %d (%d waiting to connect),"
                + " starting %d",
            d.managers(), d.needed(), d.connected(), d.submitted(), d.pending(), ok);
    if (!line.equals(lastLine)) {
      say(line);
      lastLine = line;
    }
    return d;
  }

  private void say(String text) {
    log.println(
        clock.instant().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z")
            + " factory: "
            + text);
    log.flush();
  }
}
