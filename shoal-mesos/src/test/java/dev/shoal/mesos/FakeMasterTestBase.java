package dev.shoal.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.shoal.mesos.fake.FakeMesosMaster;
import dev.shoal.mesos.fake.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fake master with two agents, a file server for URIs, and helpers to connect and launch. */
abstract class FakeMasterTestBase {
  static final FrameworkInfo FRAMEWORK =
      new FrameworkInfo(
          "shoal", "shoal-test", null, List.of("science"), 3600, true, null, List.of("MULTI_ROLE"));

  @TempDir Path tmp;
  final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  FakeMesosMaster master;
  HttpServer files;
  AgentId agent0;
  AgentId agent1;
  final List<MesosConnection> connections = new ArrayList<>();

  @BeforeEach
  void startMaster() throws IOException {
    master =
        new FakeMesosMaster(
            clock,
            tmp.resolve("agents"),
            new FakeMesosMaster.SchemaCheck() {
              @Override
              public void call(String json) {
                SchemaCheck.schedulerCall(json);
              }

              @Override
              public void event(String json) {
                SchemaCheck.schedulerEvent(json);
              }

              @Override
              public void executorCall(String json) {
                dev.shoal.mesos.SchemaAccess.executorCall(json);
              }

              @Override
              public void executorEvent(String json) {
                dev.shoal.mesos.SchemaAccess.executorEvent(json);
              }
            },
            Duration.ofMillis(100),
            Duration.ofMillis(300));
    agent0 = master.addAgent(4, 4096, 10000);
    agent1 = master.addAgent(2, 2048, 5000);
    Path served = Files.createDirectories(tmp.resolve("served"));
    dev.shoal.mesos.backend.FileServer.preferNoDelay(); // as the fake master does
    files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    files.createContext(
        "/",
        ex -> {
          try (ex) {
            Path f = served.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!f.startsWith(served) || !Files.isRegularFile(f)) {
              ex.sendResponseHeaders(404, -1);
              return;
            }
            ex.sendResponseHeaders(200, Files.size(f));
            Files.copy(f, ex.getResponseBody());
          }
        });
    files.start();
  }

  @AfterEach
  void stopAll() {
    connections.forEach(MesosConnection::close);
    master.close();
    files.stop(0);
    assertEquals(List.of(), master.protocolErrors(), "schema or protocol errors");
  }

  Path served(String name, String content) throws IOException {
    return Files.writeString(tmp.resolve("served").resolve(name), content);
  }

  String url(String name) {
    return "http://127.0.0.1:" + files.getAddress().getPort() + "/" + name;
  }

  MesosConnection connect(String address, Recorder recorder) {
    return connect(address, recorder, FRAMEWORK);
  }

  MesosConnection connect(String address, Recorder recorder, FrameworkInfo framework) {
    MesosConnection c =
        MesosConnection.start(
            MesosConnection.Settings.of(address, framework)
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
                .withMissedHeartbeats(3),
            recorder);
    connections.add(c);
    return c;
  }

  /** The next offer of {@code agent}. */
  static Offer offerOf(Recorder r, AgentId agent) {
    return r
        .next(Event.Offers.class, o -> o.offers().stream().anyMatch(x -> x.agentId().equals(agent)))
        .offers()
        .stream()
        .filter(x -> x.agentId().equals(agent))
        .findFirst()
        .orElseThrow();
  }

  static TaskInfo task(String id, Offer offer, double cpus, double mem, CommandInfo command) {
    String role = offer.resources().getFirst().role();
    return TaskInfo.command(
        id,
        new TaskId(id),
        offer.agentId(),
        List.of(Resource.cpus(cpus, role), Resource.mem(mem, role)),
        command);
  }

  static void launch(MesosConnection c, Offer offer, TaskInfo... tasks) throws MesosCallException {
    c.send(
        new Call.Accept(
            List.of(offer.id()), List.of(new Call.Launch(List.of(tasks))), new Filters(0)));
  }

  static void ack(MesosConnection c, TaskStatus s) throws MesosCallException {
    c.send(new Call.Acknowledge(s.agentId(), s.taskId(), s.uuid()));
  }

  /** Waits for updates of {@code task} up to a terminal one, acknowledging each; returns them. */
  static List<TaskStatus> runToEnd(MesosConnection c, Recorder r, TaskId task)
      throws MesosCallException {
    List<TaskStatus> seen = new ArrayList<>();
    while (seen.isEmpty() || !seen.getLast().state().terminal()) {
      TaskStatus s = r.update(task);
      ack(c, s); // every update with a uuid, resends too: the master ignores duplicates
      if (!seen.isEmpty() && s.uuid().equals(seen.getLast().uuid())) {
        continue; // a resend of the update just acknowledged, crossing the ACKNOWLEDGE
      }
      seen.add(s);
    }
    return seen;
  }
}
