package dev.shoal.wq.manager;

import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.wq.catalog.CatalogClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends the manager's {@code wq_master} record to the catalog: at start, every {@link
 * #PERIOD_SECONDS} seconds, within {@link #CHANGE_GAP_SECONDS} seconds of a change in demand (tasks
 * waiting, left or on workers, workers connected: what factories size their pools from; the record
 * sent at start shows no task yet) and once more at the end. Its own platform thread, so that a
 * slow catalog never delays the manager. A failed update is logged and retried later.
 */
final class Advertiser {
  static final long PERIOD_SECONDS = 60;

  /** Least time between two updates sent for a change in demand. */
  static final long CHANGE_GAP_SECONDS = 5;

  private final CatalogClient client;
  private final ManagerRecords.Identity identity;
  private final Supplier<QueueStats> stats;
  private final Manager.Notes notes;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;
  private boolean warned;

  private Advertiser(
      CatalogClient client,
      ManagerRecords.Identity identity,
      Supplier<QueueStats> stats,
      Manager.Notes notes) {
    this.client = client;
    this.identity = identity;
    this.stats = stats;
    this.notes = notes;
    this.thread = Thread.ofPlatform().name("wq-advertise").daemon().unstarted(this::loop);
  }

  /**
   * @param hosts {@code host[:port]} list, or {@code null} for {@code CATALOG_HOST}
   */
  static Advertiser start(
      String hosts,
      ManagerRecords.Identity identity,
      Supplier<QueueStats> stats,
      Manager.Notes notes) {
    CatalogClient client =
        hosts == null ? CatalogClient.fromEnvironment() : CatalogClient.of(hosts);
    Advertiser a = new Advertiser(client, identity, stats, notes);
    a.thread.start();
    return a;
  }

  /** Sends the last update and stops. */
  void stop() throws InterruptedException {
    stop.countDown();
    thread.join(TimeUnit.SECONDS.toMillis(15));
  }

  private void loop() {
    try {
      long sentNanos = System.nanoTime();
      List<Long> sentDemand = send();
      while (!stop.await(1, TimeUnit.SECONDS)) {
        long since = System.nanoTime() - sentNanos;
        boolean changed =
            since >= TimeUnit.SECONDS.toNanos(CHANGE_GAP_SECONDS)
                && !demand(ManagerRecords.managerRecord(identity, stats.get())).equals(sentDemand);
        if (changed || since >= TimeUnit.SECONDS.toNanos(PERIOD_SECONDS)) {
          sentNanos = System.nanoTime();
          sentDemand = send();
        }
      }
      send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The numbers of a record that a factory's demand depends on. */
  private static List<Long> demand(JxObject record) {
    List<Long> out = new ArrayList<>();
    for (String k : List.of("tasks_waiting", "tasks_left", "tasks_on_workers", "workers")) {
      out.add(record.get(k) instanceof JxInteger(long n) ? n : -1L);
    }
    return out;
  }

  /** Sends the record; returns its demand numbers. */
  private List<Long> send() {
    JxObject record = ManagerRecords.managerRecord(identity, stats.get());
    try {
      client.update(record);
      warned = false;
    } catch (IOException e) {
      if (!warned) {
        notes.note(
            System.Logger.Level.WARNING,
            "cannot advertise project "
                + identity.project()
                + " to the catalog "
                + client.hosts()
                + ": "
                + e.getMessage()
                + " — check -C/--catalog-server or CATALOG_HOST");
        warned = true;
      }
    }
    return demand(record);
  }
}
