package dev.shoal.wq.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogClientTest {
  @Test
  void fromEnvironment_unset_usesCctoolsDefaults() {
    CatalogClient c = CatalogClient.fromEnvironment(Map.of());
    assertEquals(
        List.of(
            new CatalogAddress("catalog.cse.nd.edu", 9097),
            new CatalogAddress("backup-catalog.cse.nd.edu", 9097)),
        c.hosts());
    assertEquals(CatalogClient.Protocol.TCP, c.protocol());
  }

  @Test
  void fromEnvironment_hostPortAndProtocol_areRead() {
    CatalogClient c =
        CatalogClient.fromEnvironment(
            Map.of(
                "CATALOG_HOST", "a.example:1000, b.example",
                "CATALOG_PORT", "2000",
                "CATALOG_UPDATE_PROTOCOL", "UDP"));
    assertEquals(
        List.of(new CatalogAddress("a.example", 1000), new CatalogAddress("b.example", 2000)),
        c.hosts());
    assertEquals(CatalogClient.Protocol.UDP, c.protocol());
    assertEquals(2001, c.hosts().get(1).tcpUpdatePort());
  }

  @Test
  void fromEnvironment_badValues_sayWhich() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CatalogClient.fromEnvironment(Map.of("CATALOG_UPDATE_PROTOCOL", "sctp")));
    assertTrue(e.getMessage().contains("use tcp or udp"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> CatalogAddress.parse("h:port", 9097));
    assertTrue(e.getMessage().contains("bad port 'port'"), e.getMessage());
  }

  @Test
  void updateAndQuery_overUdpAndTcp_roundTrip() throws Exception {
    try (CatalogServer server =
        CatalogServer.start(
            CatalogServer.Config.defaults()
                .withPort(0)
                .withBindAddress(InetAddress.getLoopbackAddress()))) {
      CatalogAddress at = new CatalogAddress("127.0.0.1", server.port());
      CatalogClient udp = CatalogClient.of(List.of(at), CatalogClient.Protocol.UDP);
      CatalogClient tcp = CatalogClient.of(List.of(at), CatalogClient.Protocol.TCP);
      udp.update(Wire.obj("{\"type\":\"wq_master\",\"name\":\"a\",\"port\":1,\"project\":\"x\"}"));
      tcp.update(Wire.obj("{\"type\":\"wq_worker\",\"name\":\"b\",\"port\":2}"));
      assertTrue(server.awaitUpdates(2, Duration.ofSeconds(10)));
      assertEquals(2, tcp.query().size());
      List<JxObject> managers = tcp.query("type==\"wq_master\"");
      assertEquals(1, managers.size());
      assertEquals(JxValue.of("x"), managers.get(0).get("project"));
    }
  }

  @Test
  void query_firstHostDown_triesNext() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    try (CatalogServer server =
        CatalogServer.start(
            CatalogServer.Config.defaults()
                .withPort(0)
                .withBindAddress(InetAddress.getLoopbackAddress()))) {
      CatalogClient c = CatalogClient.of("127.0.0.1:" + dead + ",127.0.0.1:" + server.port());
      assertEquals(List.of(), c.query());
    }
  }

  @Test
  void update_noHostReachable_throwsWithEachFailure() throws Exception {
    int dead;
    try (ServerSocket s = new ServerSocket(0)) {
      dead = s.getLocalPort();
    }
    CatalogClient c = CatalogClient.of("127.0.0.1:" + dead).withTimeout(Duration.ofSeconds(2));
    IOException e = assertThrows(IOException.class, () -> c.update(JxObject.EMPTY));
    assertEquals(1, e.getSuppressed().length);
  }
}
