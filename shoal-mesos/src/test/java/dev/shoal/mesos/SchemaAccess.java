package dev.shoal.mesos;

/** {@link SchemaCheck} for tests in other packages. */
public final class SchemaAccess {
  private SchemaAccess() {}

  public static void call(String json) {
    SchemaCheck.schedulerCall(json);
  }

  public static void event(String json) {
    SchemaCheck.schedulerEvent(json);
  }

  public static void executorCall(String json) {
    SchemaCheck.executorCall(json);
  }

  public static void executorEvent(String json) {
    SchemaCheck.executorEvent(json);
  }
}
