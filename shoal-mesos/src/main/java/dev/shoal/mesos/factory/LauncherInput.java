package dev.shoal.mesos.factory;

import dev.shoal.mesos.Call;
import dev.shoal.mesos.Event;
import dev.shoal.wq.factory.WorkerId;

/** What {@link WorkerScheduler} decides on. Immutable. */
sealed interface LauncherInput {
  /** The factory asks for a worker. */
  record Submit(WorkerId id, WorkerTask task) implements LauncherInput {}

  /** The factory stops a worker. */
  record Remove(WorkerId id) implements LauncherInput {}

  record FromMesos(Event event) implements LauncherInput {}

  record Disconnected(String reason) implements LauncherInput {}

  /** The master did not take a call. */
  record CallFailed(Call call, String reason) implements LauncherInput {}

  /** The factory is closing: drop what waits, kill what runs. */
  record Close() implements LauncherInput {}
}
