package dev.shoal.wq.manager;

import dev.shoal.engine.spi.TaskId;
import dev.shoal.engine.spi.TaskSpec;
import dev.shoal.wire.WorkerMessage;
import java.util.concurrent.CountDownLatch;

/** What the manager thread takes from its queue. Immutable; posted from any thread. */
sealed interface Event {
  /** The engine submitted a task. */
  record Submit(TaskSpec spec) implements Event {}

  /** The engine cancelled a task. */
  record Cancel(TaskId id) implements Event {}

  /** The back end is closing; count down {@code done} once workers are told. */
  record Shutdown(CountDownLatch done) implements Event {}

  /** A worker completed its handshake. */
  record Joined(Connection connection, WorkerMessage.Hello hello) implements Event {}

  /** A worker sent a message that is not part of a reply the connection handles itself. */
  record Received(Connection connection, WorkerMessage message) implements Event {}

  /** The reply to a {@code send_results} ended. */
  record ResultsDone(Connection connection) implements Event {}

  /** The reply to a {@code get} ended: the output is in place, or was missing. */
  record Fetched(Connection connection, OutputFetch fetch) implements Event {}

  /** A status client asked {@code verb}. */
  record StatusQuery(Connection connection, String verb) implements Event {}

  /** The connection is gone, for {@code reason}. */
  record Closed(Connection connection, String reason) implements Event {}
}
