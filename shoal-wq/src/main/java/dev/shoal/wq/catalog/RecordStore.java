package dev.shoal.wq.catalog;

import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxValue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's records, by key {@code address:port:name}. A record lives for the server's lifetime
 * after its last update, or for its own {@code lifetime} field when that is shorter.
 *
 * <p>Thread-safe: every method holds the store's lock briefly; expired records are removed on each
 * read and by {@link #expire()}.
 */
final class RecordStore {
  private record Entry(JxObject record, long heardAtMillis, long expiresAtMillis) {}

  private final Map<String, Entry> entries = new HashMap<>();
  private final InstantSource clock;
  private final Duration lifetime;
  private final int maxRecords;

  RecordStore(InstantSource clock, Duration lifetime, int maxRecords) {
    this.clock = clock;
    this.lifetime = lifetime;
    this.maxRecords = maxRecords;
  }

  /** What became of an update. */
  enum Outcome {
    ADDED,
    REPLACED,
    /** A new key when the store already holds {@code maxRecords} live records. */
    FULL
  }

  /**
   * Stores {@code update} as sent from {@code senderAddress}: {@code address} is overwritten with
   * the sender, {@code lastheardfrom} is set to now (Unix seconds), the rest is kept as sent. A
   * record without {@code name} gets the sender's ({@code localhost} for a loopback address, else
   * the address; no DNS lookup on the listener's thread): cctools' server names every record and
   * its {@code work_queue_status} crashes on a manager record without one (observed, 8.0.0).
   *
   * @return the outcome; {@link Outcome#FULL} leaves the store unchanged
   */
  synchronized Outcome put(JxObject update, String senderAddress) {
    long now = clock.millis();
    Map<String, JxValue> fields = new LinkedHashMap<>();
    fields.put("address", JxValue.of(senderAddress));
    fields.put("lastheardfrom", JxValue.of(now / 1000));
    update
        .fields()
        .forEach(
            (k, v) -> {
              if (!k.equals("address") && !k.equals("lastheardfrom")) {
                fields.put(k, v);
              }
            });
    fields.putIfAbsent("name", JxValue.of(senderName(senderAddress)));
    JxObject record = new JxObject(fields);
    String key = keyOf(record);
    if (!entries.containsKey(key) && entries.size() >= maxRecords) {
      expireAt(now);
      if (entries.size() >= maxRecords) {
        return Outcome.FULL;
      }
    }
    Entry old = entries.put(key, new Entry(record, now, now + lifetimeMillis(record)));
    return old == null ? Outcome.ADDED : Outcome.REPLACED;
  }

  /** The live records, the most recently heard first. */
  synchronized List<JxObject> records() {
    expireAt(clock.millis());
    List<Entry> live = new ArrayList<>(entries.values());
    live.sort(Comparator.comparingLong(Entry::heardAtMillis).reversed());
    return live.stream().map(Entry::record).toList();
  }

  /** The live record under {@code key}. */
  synchronized Optional<JxObject> get(String key) {
    expireAt(clock.millis());
    Entry e = entries.get(key);
    return e == null ? Optional.empty() : Optional.of(e.record());
  }

  /** Removes expired records; returns how many. */
  synchronized int expire() {
    return expireAt(clock.millis());
  }

  synchronized int size() {
    return entries.size();
  }

  private static String senderName(String address) {
    return address.startsWith("127.") || address.equals("::1") || address.equals("0:0:0:0:0:0:0:1")
        ? "localhost"
        : address;
  }

  /** The record key, {@code address:port:name}; a missing part is left empty. */
  static String keyOf(JxObject record) {
    return text(record.get("address")) + ":" + text(record.get("port")) + ":" + nameOf(record);
  }

  private static String nameOf(JxObject record) {
    JxValue name = record.get("name");
    return name == null ? text(record.get("address")) : text(name);
  }

  private static String text(JxValue v) {
    return switch (v) {
      case null -> "";
      case JxString s -> s.value();
      default -> v.toString();
    };
  }

  private long lifetimeMillis(JxObject record) {
    long max = lifetime.toMillis();
    if (record.get("lifetime") instanceof JxInteger(long seconds) && seconds > 0) {
      return Math.min(max, seconds * 1000);
    }
    return max;
  }

  private int expireAt(long now) {
    int before = entries.size();
    entries.values().removeIf(e -> e.expiresAtMillis() <= now);
    return before - entries.size();
  }
}
