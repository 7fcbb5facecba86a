package dev.shoal.worker.launch;

import java.util.concurrent.Executor;

/** Where the phases of a {@link BundleRun} that overlap its commands run. */
final class LaunchRunThreads {
  private LaunchRunThreads() {}

  /** A virtual thread per phase: they wait on the network and the file system, not the CPU. */
  static final Executor VIRTUAL = r -> Thread.ofVirtual().name("bundle-transfer").start(r);
}
