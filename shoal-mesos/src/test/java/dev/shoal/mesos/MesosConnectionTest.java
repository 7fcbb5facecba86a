package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.mesos.fake.FakeNonLeader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler connection against the fake master: subscription, streams, redirects, loss. */
class MesosConnectionTest extends FakeMasterTestBase {

  @Test
  void subscribe_getsFrameworkIdAndOffersFromEveryAgent() {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    Event.Subscribed s = r.next(Event.Subscribed.class);
    assertEquals(s.frameworkId(), c.frameworkId());
    assertEquals(0.1, s.heartbeatIntervalSeconds());
    List<Offer> offers = r.next(Event.Offers.class).offers();
    assertEquals(List.of(agent0, agent1), offers.stream().map(Offer::agentId).toList());
    Offer o0 = offers.getFirst();
    assertEquals(4.0, o0.cpus());
    assertEquals(4096.0, o0.memMegabytes());
    assertEquals(10000.0, o0.diskMegabytes());
    assertEquals("science", o0.resources().getFirst().role());
    assertEquals(2.0, offers.get(1).cpus());
  }

  @Test
  void callsWithoutAValidStream_areRefused() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String teardown = MesosJson.encodeCall(new FrameworkId("FW-x"), new Call.Teardown());
    URI uri = URI.create("http://" + master.address() + "/api/v1/scheduler");
    HttpResponse<String> noHeader =
        http.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(teardown)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, noHeader.statusCode());
    assertTrue(noHeader.body().contains("Mesos-Stream-Id"), noHeader.body());
    HttpResponse<String> notSubscribed =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Mesos-Stream-Id", "made-up")
                .POST(HttpRequest.BodyPublishers.ofString(teardown))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, notSubscribed.statusCode());

    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    r.next(Event.Subscribed.class);
    HttpResponse<String> wrongStream =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Mesos-Stream-Id", "made-up")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        MesosJson.encodeCall(c.frameworkId(), new Call.Teardown())))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(400, wrongStream.statusCode());
    assertTrue(master.subscribed(), "a refused call must not affect the framework");
  }

  @Test
  void send_beforeSubscribed_failsWithRemedy() {
    MesosConnection c = connect("127.0.0.1:1", new Recorder());
    MesosCallException e =
        assertThrows(MesosCallException.class, () -> c.send(new Call.Revive(List.of())));
    assertTrue(e.getMessage().contains("wait for SUBSCRIBED"), e.getMessage());
  }

  @Test
  void nonLeader_redirectIsFollowed() throws Exception {
    try (FakeNonLeader standby = new FakeNonLeader(master.address())) {
      Recorder r = new Recorder();
      MesosConnection c = connect(standby.address(), r);
      r.next(Event.Subscribed.class);
      assertEquals(URI.create("http://" + master.address() + "/api/v1/scheduler"), c.leader());
      c.send(new Call.Suppress(List.of()));
      assertEquals(List.of("SUBSCRIBE", "SUPPRESS"), master.calls());
    }
  }

  @Test
  void unreachableFirstMaster_theNextOneIsAskedAtOnce() throws Exception {
    String dead;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = "127.0.0.1:" + s.getLocalPort(); // closed below: connections are refused
    }
    Recorder r = new Recorder();
    // A back-off far longer than the recorder waits: only an immediate turn to the next master
    // subscribes in time.
    MesosConnection c =
        MesosConnection.start(
            MesosConnection.Settings.of(List.of(dead, master.address()), FRAMEWORK)
                .withBackoff(Duration.ofMinutes(5), Duration.ofMinutes(5)),
            r);
    try {
      assertTrue(r.next(Recorder.Disconnected.class).reason().contains(dead));
      r.next(Event.Subscribed.class);
      assertEquals(URI.create("http://" + master.address() + "/api/v1/scheduler"), c.leader());
      c.send(new Call.Suppress(List.of()));
      assertEquals(List.of("SUBSCRIBE", "SUPPRESS"), master.calls());
    } finally {
      c.close();
    }
  }

  @Test
  void droppedStream_resubscribesWithTheSameFrameworkId() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    FrameworkId id = r.next(Event.Subscribed.class).frameworkId();
    master.dropStream();
    assertNotNull(r.next(Recorder.Disconnected.class));
    assertEquals(id, r.next(Event.Subscribed.class).frameworkId());
    assertEquals(2, c.subscriptions());
    c.send(new Call.Revive(List.of())); // the new stream id is in use
  }

  @Test
  void teardown_endsTheConnectionWithoutALossOrAResubscription() throws Exception {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    r.next(Event.Subscribed.class);
    c.send(new Call.Teardown());
    assertTrue(
        c.awaitStopped(Recorder.WAIT), "the reader must stop once the master ends the stream");
    assertEquals(List.of(), r.disconnections, "the end of a torn-down framework is not a loss");
    assertEquals(1, c.subscriptions());
    assertEquals(
        1L, master.calls().stream().filter("SUBSCRIBE"::equals).count(), "no resubscription");
  }

  @Test
  void silentStream_isDetectedByHeartbeatTimeoutAndResubscribed() {
    Recorder r = new Recorder();
    MesosConnection c = connect(master.address(), r);
    FrameworkId id = r.next(Event.Subscribed.class).frameworkId();
    master.pauseHeartbeats(true);
    master.rescindOffers(agent0); // no offers either: a fully silent stream
    master.rescindOffers(agent1);
    String reason = r.next(Recorder.Disconnected.class).reason();
    assertTrue(reason.contains("heartbeat"), reason);
    master.pauseHeartbeats(false);
    assertEquals(id, r.next(Event.Subscribed.class).frameworkId());
    assertEquals(2, c.subscriptions());
  }
}
