package dev.shoal.mesos;

import java.util.List;

/** A v1 scheduler event, read from the subscription's RecordIO stream. */
public sealed interface Event {

  /** The first event of a stream. */
  record Subscribed(FrameworkId frameworkId, double heartbeatIntervalSeconds) implements Event {}

  record Offers(List<Offer> offers) implements Event {
    public Offers {
      offers = List.copyOf(offers);
    }
  }

  /** The offer is no longer valid; an ACCEPT of it fails. */
  record Rescind(OfferId offerId) implements Event {}

  record Update(TaskStatus status) implements Event {}

  /** Bytes from a custom executor. */
  record Message(AgentId agentId, ExecutorId executorId, Bytes data) implements Event {}

  /**
   * An agent was lost (executor {@code null}) or an executor ended ({@code status} its exit status,
   * or {@code null}).
   */
  record Failure(AgentId agentId, ExecutorId executorId, Integer status) implements Event {}

  /** The master refused the subscription or dropped the framework; the stream ends after it. */
  record Error(String message) implements Event {}

  record Heartbeat() implements Event {}

  /** An event type Shoal does not use (inverse offers, operation updates); ignored. */
  record Other(String type) implements Event {}
}
