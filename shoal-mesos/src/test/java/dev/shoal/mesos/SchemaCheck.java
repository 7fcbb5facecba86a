package dev.shoal.mesos;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/**
 * Parses JSON into the official Mesos 1.11 v1 protobuf classes, failing on unknown fields, bad enum
 * names, wrong types and missing required fields: the check that our JSON is what a real master or
 * agent accepts (and that what our fakes send is what a real one would).
 */
final class SchemaCheck {
  private SchemaCheck() {}

  static org.apache.mesos.v1.scheduler.Protos.Call schedulerCall(String json) {
    return check(json, org.apache.mesos.v1.scheduler.Protos.Call.newBuilder());
  }

  static org.apache.mesos.v1.scheduler.Protos.Event schedulerEvent(String json) {
    return check(json, org.apache.mesos.v1.scheduler.Protos.Event.newBuilder());
  }

  static org.apache.mesos.v1.executor.Protos.Call executorCall(String json) {
    return check(json, org.apache.mesos.v1.executor.Protos.Call.newBuilder());
  }

  static org.apache.mesos.v1.executor.Protos.Event executorEvent(String json) {
    return check(json, org.apache.mesos.v1.executor.Protos.Event.newBuilder());
  }

  @SuppressWarnings("unchecked")
  private static <M extends Message> M check(String json, Message.Builder builder) {
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new AssertionError("not valid Mesos v1 JSON: " + e.getMessage() + "\n" + json, e);
    }
    if (!builder.isInitialized()) {
      throw new AssertionError(
          "Mesos v1 JSON misses required fields "
              + builder.findInitializationErrors()
              + "\n"
              + json);
    }
    return (M) builder.build();
  }
}
