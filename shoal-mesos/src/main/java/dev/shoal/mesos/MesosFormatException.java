package dev.shoal.mesos;

/**
 * JSON that does not follow the Mesos v1 schema as this package models it: a missing required
 * field, a wrong type, an unknown enum name. The message names the field path.
 */
public final class MesosFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MesosFormatException(String message) {
    super(message);
  }
}
