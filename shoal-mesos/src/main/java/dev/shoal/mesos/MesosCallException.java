package dev.shoal.mesos;

/** A call the master did not accept; {@code status} is the HTTP status, 0 if none came back. */
public final class MesosCallException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;

  public MesosCallException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
