package dev.shoal.mesos;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler's connection to the Mesos master over the v1 HTTP API.
 *
 * <p>One reader thread subscribes, follows 307 redirects to the leading master, reads the RecordIO
 * event stream and hands each event to the {@link Listener}, in stream order. When the stream ends,
 * breaks, or stays silent for {@code missedHeartbeats} heartbeat intervals, it tells the listener,
 * waits a back-off (doubling from {@code backoffMin} to {@code backoffMax}, reset by a successful
 * subscription) and subscribes again with the framework id it was given, so the master treats it as
 * a failover of the same framework. With several masters configured, a master that cannot be
 * reached (or breaks the stream) is followed by the next one in the list at once; the back-off
 * applies once every master of the list has failed in turn.
 *
 * <p>{@link #send} may be called from any thread, the listener's included; each call is its own
 * POST carrying the current {@code Mesos-Stream-Id}. Reconciliation after a subscription is the
 * caller's business (it knows its tasks).
 */
public final class MesosConnection implements AutoCloseable {
  static {
    // HttpURLConnection silently sends a POST again when a reused keep-alive connection fails
    // before the answer. A resent ACCEPT names a spent offer: the master answers its tasks with
    // TASK_LOST, which the scheduler would take for the launch that really runs, and run it twice.
    // A call that got no answer is reported instead; the scheduler reconciles it. (Read once per
    // JVM, when the JDK's HTTP client class is first used.)
    if (System.getProperty("sun.net.http.retryPost") == null) {
      System.setProperty("sun.net.http.retryPost", "false");
    }
  }

  private static final System.Logger LOG = System.getLogger(MesosConnection.class.getName());
  private static final String PATH = "/api/v1/scheduler";

  /** Receives events on the reader thread; must not block for long. */
  public interface Listener {
    void event(Event event);

    /** The stream was lost; a new subscription follows after a back-off unless closed. */
    default void disconnected(String reason) {}
  }

  /**
   * How to connect.
   *
   * @param masters {@code host:port} of the masters, tried in turn (any of them may redirect to the
   *     leader)
   * @param missedHeartbeats silence of this many heartbeat intervals counts as a lost stream
   * @param timeout connect and request timeout, and the longest wait for SUBSCRIBED
   */
  public record Settings(
      List<String> masters,
      FrameworkInfo framework,
      int missedHeartbeats,
      Duration backoffMin,
      Duration backoffMax,
      Duration timeout,
      int maxRecordBytes) {
    public Settings {
      masters = List.copyOf(masters);
      if (masters.isEmpty()) {
        throw new IllegalArgumentException("no Mesos master — give --mesos-master=HOST:PORT");
      }
    }

    /** Defaults for one master. */
    public static Settings of(String master, FrameworkInfo framework) {
      return of(List.of(master), framework);
    }

    /** Defaults: 5 missed heartbeats, back-off 0.5–15 s, 10 s timeout. */
    public static Settings of(List<String> masters, FrameworkInfo framework) {
      return new Settings(
          masters,
          framework,
          5,
          Duration.ofMillis(500),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          RecordIo.DEFAULT_MAX_RECORD);
    }

    public Settings withBackoff(Duration min, Duration max) {
      return new Settings(masters, framework, missedHeartbeats, min, max, timeout, maxRecordBytes);
    }

    public Settings withMissedHeartbeats(int n) {
      return new Settings(masters, framework, n, backoffMin, backoffMax, timeout, maxRecordBytes);
    }
  }

  private final Settings settings;
  private final Listener listener;
  private final List<URI> configured;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final Thread reader;

  private volatile URI leader;

  /** Which configured master the reader asks next after a failure (reader thread only). */
  private int turn;

  private volatile FrameworkId frameworkId;
  private volatile String streamId;
  private volatile HttpStream stream;
  private volatile int subscriptions;

  /**
   * Set when a TEARDOWN is sent (the master may end the stream before it answers): the stream's end
   * that follows is the run's end, not a loss to retry (no warning, no resubscription). A TEARDOWN
   * is the last call of a connection whatever the answer; its sender closes it next.
   */
  private volatile boolean tornDown;

  private MesosConnection(Settings settings, Listener listener) {
    this.settings = settings;
    this.listener = listener;
    this.configured =
        settings.masters().stream().map(m -> URI.create("http://" + m + PATH)).toList();
    this.leader = configured.getFirst();
    this.frameworkId = settings.framework().id();
    this.reader = new Thread(this::run, "mesos-events-" + settings.masters().getFirst());
    reader.setDaemon(true);
  }

  /** Starts the reader thread; the first event the listener sees is SUBSCRIBED or ERROR. */
  public static MesosConnection start(Settings settings, Listener listener) {
    MesosConnection c = new MesosConnection(settings, listener);
    c.reader.start();
    return c;
  }

  /** The id the master gave (or the one configured), {@code null} before the first SUBSCRIBED. */
  public FrameworkId frameworkId() {
    return frameworkId;
  }

  /** The master the next request goes to: a configured one or the leader it redirected to. */
  public URI leader() {
    return leader;
  }

  /** How many times SUBSCRIBED has been received on this connection. */
  public int subscriptions() {
    return subscriptions;
  }

  /**
   * Sends one call and waits for the master's answer.
   *
   * @throws MesosCallException when the master does not answer 202 (e.g. 400 with its reason, 403
   *     when the stream is gone, 307 when it is no longer the leader) or cannot be reached
   */
  public void send(Call call) throws MesosCallException {
    String sid = streamId;
    FrameworkId fw = frameworkId;
    if (sid == null || fw == null) {
      throw new MesosCallException(0, "not subscribed — wait for SUBSCRIBED before sending calls");
    }
    if (call instanceof Call.Teardown) {
      tornDown = true;
    }
    URI to = leader;
    int status;
    String location;
    String body;
    // HttpURLConnection, whose keep-alive cache reuses one connection for call after call, on the
    // caller's thread: java.net.http hands each exchange between its selector and worker threads,
    // which cost the engine about 1.5 ms of CPU per SHRIMP map (perf) for 3-4 calls.
    HttpURLConnection c = null;
    try {
      c = (HttpURLConnection) to.toURL().openConnection();
      c.setInstanceFollowRedirects(false);
      c.setConnectTimeout((int) settings.timeout().toMillis());
      c.setReadTimeout((int) settings.timeout().toMillis());
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("Accept", "application/json");
      c.setRequestProperty("Mesos-Stream-Id", sid);
      byte[] json = MesosJson.encodeCall(fw, call).getBytes(StandardCharsets.UTF_8);
      c.setFixedLengthStreamingMode(json.length);
      try (java.io.OutputStream out = c.getOutputStream()) {
        out.write(json);
      }
      status = c.getResponseCode();
      location = c.getHeaderField("Location");
      try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
        body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      c = null; // read to its end: the connection goes back to the keep-alive cache
    } catch (IOException e) {
      throw new MesosCallException(0, "master " + to + " unreachable: " + e.getMessage());
    } finally {
      if (c != null) {
        c.disconnect();
      }
    }
    if (status == 307) {
      if (location != null) {
        leader = to.resolve(location);
      }
      stream().ifPresent(HttpStream::close); // resubscribe at the leader
    }
    if (status != 202) {
      throw new MesosCallException(
          status,
          call.getClass().getSimpleName().toUpperCase()
              + " answered "
              + status
              + ": "
              + body.strip());
    }
  }

  /** Stops the reader thread and drops the stream; the framework stays registered (failover). */
  @Override
  public void close() {
    closing.countDown();
    stream().ifPresent(HttpStream::close);
    try {
      reader.join(settings.timeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Waits until the connection has stopped reading: after {@link #close}, or once the stream ended
   * after an accepted TEARDOWN.
   *
   * @return whether it stopped within {@code wait}
   */
  public boolean awaitStopped(java.time.Duration wait) throws InterruptedException {
    reader.join(wait);
    return !reader.isAlive();
  }

  private java.util.Optional<HttpStream> stream() {
    return java.util.Optional.ofNullable(stream);
  }

  private void run() {
    long backoff = settings.backoffMin().toMillis();
    int unreachable = 0; // masters that failed in a row since the last subscription
    while (closing.getCount() > 0) {
      String reason;
      boolean nextMasterAtOnce = false;
      int before = subscriptions;
      try {
        subscribeAndRead();
        reason = "the master ended the event stream";
      } catch (SocketTimeoutException e) {
        reason = "no event for " + settings.missedHeartbeats() + " heartbeat intervals";
      } catch (IOException | MesosFormatException e) {
        reason = leader.getAuthority() + ": " + e.getMessage();
        if (subscriptions > before) {
          unreachable = 0;
        }
        // The leader may be gone: ask the next configured master, at once until all were asked.
        turn = (turn + 1) % configured.size();
        leader = configured.get(turn);
        unreachable++;
        nextMasterAtOnce = unreachable % configured.size() != 0;
      } finally {
        streamId = null;
        stream().ifPresent(HttpStream::close);
        stream = null;
      }
      if (subscriptions > before) {
        backoff = settings.backoffMin().toMillis();
      }
      if (closing.getCount() == 0 || tornDown) {
        return;
      }
      LOG.log(
          System.Logger.Level.WARNING,
          "Mesos stream lost: {0}; retry at {1} in {2} ms",
          reason,
          leader,
          nextMasterAtOnce ? 0 : backoff);
      listener.disconnected(reason);
      if (nextMasterAtOnce) {
        continue;
      }
      try {
        if (closing.await(backoff, TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(backoff * 2, settings.backoffMax().toMillis());
    }
  }

  /** One subscription; returns when the stream ends. */
  private void subscribeAndRead() throws IOException {
    HttpStream s = subscribe();
    RecordIo.Reader records = new RecordIo.Reader(s.body(), settings.maxRecordBytes());
    for (byte[] record = records.next(); record != null; record = records.next()) {
      Event event = MesosJson.decodeEvent(record);
      if (event instanceof Event.Subscribed(FrameworkId id, double heartbeat)) {
        frameworkId = id;
        streamId = s.header("Mesos-Stream-Id");
        subscriptions++;
        s.readTimeout((int) Math.ceil(settings.missedHeartbeats() * heartbeat * 1000));
      }
      listener.event(event);
    }
  }

  private HttpStream subscribe() throws IOException {
    int timeout = (int) settings.timeout().toMillis();
    for (int hop = 0; hop < 5; hop++) {
      Call.Subscribe call = new Call.Subscribe(settings.framework().withId(frameworkId), List.of());
      HttpStream s = HttpStream.post(leader, MesosJson.encodeCall(null, call), timeout);
      stream = s;
      if (closing.getCount() == 0) {
        s.close();
        throw new IOException("connection closed");
      }
      if (s.status() == 307 && s.header("Location") != null) {
        leader = leader.resolve(s.header("Location"));
        s.close();
        LOG.log(System.Logger.Level.INFO, "Mesos leader is {0}", leader);
        continue;
      }
      if (s.status() != 200) {
        String body = s.bodyText(4096);
        s.close();
        throw new IOException("SUBSCRIBE at " + leader + " answered " + s.status() + ": " + body);
      }
      if (s.header("Mesos-Stream-Id") == null) {
        s.close();
        throw new IOException(
            "SUBSCRIBE answer has no Mesos-Stream-Id header — not a Mesos master?");
      }
      return s;
    }
    throw new IOException(
        "more than 5 redirects from " + configured.get(turn) + " — no leading master?");
  }
}
