package dev.shoal.wq.manager;

import dev.shoal.wq.catalog.CatalogClient;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends the manager's {@code wq_master} record to the catalog: at start, every {@link
 * #PERIOD_SECONDS} seconds and once more at the end. Its own platform thread, so that a slow
 * catalog never delays the manager. A failed update is logged and retried at the next period.
 */
final class Advertiser {
  static final long PERIOD_SECONDS = 60;

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
      do {
        send();
      } while (!stop.await(PERIOD_SECONDS, TimeUnit.SECONDS));
      send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void send() {
    try {
      client.update(ManagerRecords.managerRecord(identity, stats.get()));
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
  }
}
