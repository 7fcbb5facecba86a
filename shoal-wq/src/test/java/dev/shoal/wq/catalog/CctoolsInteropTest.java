package dev.shoal.wq.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our catalog against cctools' programs: their clients read our server, their server takes our
 * client's updates. Skipped when the programs are not installed, unless {@code
 * SHOAL_REQUIRE_CCTOOLS=1}.
 */
class CctoolsInteropTest {
  private static final JxObject MANAGER =
      Wire.obj(
          "{\"type\":\"wq_master\",\"name\":\"h1\",\"port\":9123,\"project\":\"interop-p1\","
              + "\"owner\":\"me\",\"tasks_waiting\":4,\"tasks_running\":2,\"workers\":3}");

  @TempDir Path tmp;

  private static Path tool(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    if ("1".equals(System.getenv("SHOAL_REQUIRE_CCTOOLS"))) {
      fail(
          name
              + " is not on PATH but SHOAL_REQUIRE_CCTOOLS=1: apt-get install coop-computing-tools");
    }
    return Assumptions.abort(name + " is not installed");
  }

  /** Runs a cctools client to completion (at most 30 s); returns its stdout. */
  private String run(List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("CATALOG_"));
    Process p = pb.start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out: " + cmd);
      String text = new String(out, StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), cmd + " failed:\n" + text);
      return text;
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void cctoolsClients_readOurServer() throws Exception {
    Path query = tool("catalog_query");
    Path status = tool("work_queue_status");
    Path update = tool("catalog_update");
    try (CatalogServer server =
        CatalogServer.start(
            CatalogServer.Config.defaults()
                .withPort(0)
                .withBindAddress(InetAddress.getLoopbackAddress()))) {
      String at = "127.0.0.1:" + server.port();
      CatalogClient.of(at).update(MANAGER);
      Path rec = tmp.resolve("worker.json");
      Files.writeString(rec, "{\"type\":\"wq_worker\",\"name\":\"w1\",\"port\":1}");
      run(List.of(update.toString(), "-c", at, "-f", rec.toString()));
      assertTrue(server.awaitUpdates(2, Duration.ofSeconds(10)));
      assertEquals(0, server.updatesDropped(), "catalog_update's update was accepted");

      String all = run(List.of(query.toString(), "--catalog", at));
      assertTrue(all.contains("\"project\":\"interop-p1\""), all);
      assertTrue(all.contains("\"address\":\"127.0.0.1\""), all);
      assertTrue(all.contains("\"name\":\"w1\""), all);

      String managers = run(List.of(query.toString(), "-c", at, "-w", "type==\"wq_master\""));
      assertTrue(managers.contains("interop-p1"), managers);
      assertTrue(!managers.contains("\"w1\""), managers);

      String table = run(List.of(status.toString(), "-C", at));
      String row = table.lines().filter(l -> l.startsWith("interop-p1")).findFirst().orElseThrow();
      assertEquals(
          List.of("interop-p1", "h1", "9123", "4", "2"),
          List.of(row.split("\\s+")).subList(0, 5),
          table);
    }
  }

  @Test
  void ourClient_updatesCctoolsServer() throws Exception {
    Path catalogServer = tool("catalog_server");
    Path portFile = tmp.resolve("port");
    List<String> cmd = new ArrayList<>();
    cmd.addAll(List.of(catalogServer.toString(), "-Z", portFile.toString(), "-l", "300"));
    cmd.addAll(List.of("-o", tmp.resolve("debug.log").toString(), "-I", "127.0.0.1"));
    cmd.addAll(List.of("-H", tmp.resolve("history").toString()));
    // Its working directory is the test's, so that nothing it writes lands in the source tree.
    Process cs = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
    try {
      int port = awaitPort(portFile, cs);
      CatalogAddress at = new CatalogAddress("127.0.0.1", port);
      CatalogClient tcp = CatalogClient.of(List.of(at), CatalogClient.Protocol.TCP);
      CatalogClient udp = CatalogClient.of(List.of(at), CatalogClient.Protocol.UDP);
      tcp.update(MANAGER);
      // A large UDP update goes compressed (0x1A + zlib).
      udp.update(
          Wire.obj(
              "{\"type\":\"wq_worker\",\"name\":\"w2\",\"port\":7,\"pad\":\""
                  + "y".repeat(4000)
                  + "\"}"));
      List<JxObject> seen = List.of();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        seen = tcp.query();
        if (seen.size() >= 2) {
          break;
        }
        Thread.sleep(100); // cctools' server gives no signal that it has stored an update
      }
      assertEquals(2, seen.size(), seen.toString());
      List<JxObject> managers = tcp.query("type==\"wq_master\"");
      assertEquals(1, managers.size(), managers.toString());
      JxObject m = managers.get(0);
      assertEquals(JxValue.of("interop-p1"), m.get("project"));
      assertEquals(JxValue.of("127.0.0.1"), m.get("address"));
      assertTrue(m.get("lastheardfrom") != null, m.toString());
    } finally {
      cs.destroy();
      if (!cs.waitFor(5, TimeUnit.SECONDS)) {
        cs.destroyForcibly();
      }
    }
  }

  /** Waits for the port file cctools' server writes once it listens. */
  private static int awaitPort(Path portFile, Process cs) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (Files.exists(portFile)) {
        String s = Files.readString(portFile).strip();
        if (!s.isEmpty()) {
          return Integer.parseInt(s);
        }
      }
      if (!cs.isAlive()) {
        fail("catalog_server exited with " + cs.exitValue());
      }
      Thread.sleep(50); // the port file is the only sign that it is ready
    }
    throw new AssertionError("catalog_server wrote no port file in 10 s");
  }
}
