package dev.shoal.mesos.backend;

import dev.shoal.engine.spi.BackendEvent;
import dev.shoal.mesos.Call;
import dev.shoal.mesos.FrameworkId;

/** What the scheduler asks its loop to do. Immutable. */
sealed interface Effect {
  record Send(Call call) implements Effect {}

  record Post(BackendEvent event) implements Effect {}

  /** Keep the framework id in the workflow directory for a failover after a restart. */
  record SaveFrameworkId(FrameworkId id) implements Effect {}

  /** The stored framework id was refused: forget it and subscribe as a new framework. */
  record ForgetFrameworkId() implements Effect {}
}
