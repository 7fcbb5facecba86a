package dev.shoal.wq.factory;

import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.util.List;

/**
 * Where the factory learns about managers: the catalog (the usual case, {@code -M}) or one manager
 * asked directly ({@code HOST PORT}). Records are in the catalog's {@code wq_master} form.
 */
@FunctionalInterface
public interface ManagerSource {
  /**
   * The current records.
   *
   * @throws IOException when the source cannot be reached; the factory keeps its workers and asks
   *     again next cycle
   */
  List<JxObject> managers() throws IOException;
}
