package dev.shoal.mesos.backend;

import dev.shoal.mesos.fake.FakeMesosMaster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** A fake master that checks every call and event against the Mesos schema. */
public final class FakeMasters {
  private static final boolean CHECK = !Boolean.getBoolean("shoal.bench.noschema");

  private FakeMasters() {}

  public static FakeMesosMaster start(Clock clock, Path agents) throws IOException {
    return new FakeMesosMaster(
        clock,
        agents,
        new FakeMesosMaster.SchemaCheck() {
          @Override
          public void call(String json) {
            if (CHECK) {
              dev.shoal.mesos.SchemaAccess.call(json);
            }
          }

          @Override
          public void event(String json) {
            if (CHECK) {
              dev.shoal.mesos.SchemaAccess.event(json);
            }
          }

          @Override
          public void executorCall(String json) {
            if (CHECK) {
              dev.shoal.mesos.SchemaAccess.executorCall(json);
            }
          }

          @Override
          public void executorEvent(String json) {
            if (CHECK) {
              dev.shoal.mesos.SchemaAccess.executorEvent(json);
            }
          }
        },
        Duration.ofMillis(200),
        Duration.ofMillis(500));
  }
}
