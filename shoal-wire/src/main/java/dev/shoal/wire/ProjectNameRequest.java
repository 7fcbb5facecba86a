package dev.shoal.wire;

import java.io.EOFException;
import java.io.IOException;

/**
 * The project-name check of protocol 11 (worker side): a worker started with {@code -M PROJECT}
 * sends the line {@code name} before its {@code workqueue} line and the manager answers with one
 * line holding its project name (empty if it has none). Protocol-9 workers never send it.
 */
public final class ProjectNameRequest {
  private ProjectNameRequest() {}

  /**
   * Asks the manager on {@code codec} for its project name; call right after authentication.
   *
   * @return the manager's project name, empty if it has none
   * @throws EOFException if the manager closed the connection instead of answering
   */
  public static String ask(WireCodec codec) throws IOException {
    codec.writeLine("name");
    String answer = codec.readLine();
    if (answer == null) {
      throw new EOFException("the manager closed the connection instead of naming its project");
    }
    return answer;
  }
}
