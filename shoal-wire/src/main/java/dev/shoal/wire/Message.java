package dev.shoal.wire;

/**
 * Every Work Queue message, as data. A message is one protocol line plus any payload it announces;
 * a task ({@code task <id>} … {@code end}) is one message. The direction is part of the type:
 * {@link ManagerMessage}s are sent by the manager, {@link WorkerMessage}s by the worker; {@link
 * End} closes a block in either direction.
 *
 * <p>Protocol versions: Debian cctools 8.0.0 speaks 9 (captured in {@code
 * src/test/resources/captured}); current Work Queue speaks 11, which adds {@link
 * WorkerMessage.CacheUpdate}/{@link WorkerMessage.CacheInvalid} after puts and an optional mode on
 * {@code file} lines. The codec accepts both.
 */
public sealed interface Message permits ManagerMessage, WorkerMessage {
  /**
   * {@code end}: closes a task, a {@code send_results} reply, a {@code get} reply or a directory.
   */
  record End() implements ManagerMessage, WorkerMessage {}
}
