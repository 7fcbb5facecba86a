package dev.shoal.wq.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CatalogServerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String MANAGER =
      "{\"type\":\"wq_master\",\"name\":\"h1\",\"port\":9123,\"project\":\"p1\","
          + "\"owner\":\"me\",\"address\":\"10.9.9.9\"}";

  private final FakeClock clock = new FakeClock();
  private CatalogServer server;

  @BeforeEach
  void start() throws Exception {
    server = startWith(CatalogServer.Config.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CatalogServer startWith(CatalogServer.Config c) throws Exception {
    return CatalogServer.start(
        c.withPort(0).withBindAddress(InetAddress.getLoopbackAddress()).withClock(clock));
  }

  private void await(long n) throws InterruptedException {
    assertTrue(server.awaitUpdates(n, WAIT), "updates handled: " + n);
  }

  @Test
  void start_portZero_bindsUdpOnHttpPortAndTcpOnNext() {
    assertEquals(server.port(), server.udpPort());
    assertEquals(server.port() + 1, server.updatePort());
  }

  @Test
  void tcpUpdate_appearsInQueryJsonWithAddressAndLastHeard() throws Exception {
    Wire.tcp(server.updatePort(), MANAGER);
    await(1);
    Wire.Answer a = Wire.get(server.port(), "/query.json");
    assertEquals(200, a.status());
    List<JxObject> records = CatalogClient.parseRecords(a.body(), "test");
    assertEquals(1, records.size());
    JxObject r = records.get(0);
    assertEquals(JxValue.of("127.0.0.1"), r.get("address"));
    assertEquals(JxValue.of(clock.millis() / 1000), r.get("lastheardfrom"));
    assertEquals(JxValue.of("p1"), r.get("project"));
    assertTrue(a.body().startsWith("[\n{"), a.body());
  }

  @Test
  void udpUpdate_appearsInQuery() throws Exception {
    Wire.udp(server.udpPort(), MANAGER.getBytes(StandardCharsets.UTF_8));
    await(1);
    assertEquals(JxValue.of("127.0.0.1"), server.records().get(0).get("address"));
  }

  @Test
  void compressedUpdate_isAcceptedOverUdpAndTcp() throws Exception {
    byte[] z = UpdateCodec.encodeCompressed(Wire.obj(MANAGER));
    assertEquals(0x1A, z[0]);
    Wire.udp(server.udpPort(), z);
    Wire.tcp(
        server.updatePort(),
        UpdateCodec.encodeCompressed(Wire.obj("{\"type\":\"t\",\"name\":\"h2\",\"port\":1}")));
    await(2);
    assertEquals(2, server.records().size());
    assertEquals(0, server.updatesDropped());
  }

  @Test
  void sameKey_replacesRecord() throws Exception {
    Wire.tcp(server.updatePort(), MANAGER);
    Wire.tcp(server.updatePort(), MANAGER.replace("\"me\"", "\"you\""));
    await(2);
    assertEquals(1, server.records().size());
    assertEquals(JxValue.of("you"), server.records().get(0).get("owner"));
  }

  @Test
  void records_expireAfterLifetime() throws Exception {
    Wire.tcp(server.updatePort(), MANAGER);
    Wire.tcp(server.updatePort(), "{\"type\":\"t\",\"name\":\"short\",\"port\":2,\"lifetime\":60}");
    await(2);
    clock.advance(Duration.ofSeconds(61));
    assertEquals(1, server.records().size(), "a record's own lifetime shortens it");
    clock.advance(Duration.ofSeconds(1800));
    assertEquals(0, server.records().size());
    assertEquals("[\n]\n", Wire.get(server.port(), "/query.json").body());
  }

  @Test
  void query_base64Expression_filters() throws Exception {
    Wire.tcp(server.updatePort(), MANAGER);
    Wire.tcp(server.updatePort(), "{\"type\":\"wq_worker\",\"name\":\"w\",\"port\":3}");
    await(2);
    String q = QueryFilter.toBase64("type==\"wq_master\" and project==\"p1\"");
    List<JxObject> hits =
        CatalogClient.parseRecords(Wire.get(server.port(), "/query/" + q).body(), "test");
    assertEquals(1, hits.size());
    assertEquals(JxValue.of("h1"), hits.get(0).get("name"));
    // A field missing from a record is an error there, so the record is left out, not a failure.
    q = QueryFilter.toBase64("cores > 1");
    assertEquals("[\n]\n", Wire.get(server.port(), "/query/" + q).body());
    assertEquals(400, Wire.get(server.port(), "/query/!!!").status());
    assertEquals(400, Wire.get(server.port(), "/query/" + QueryFilter.toBase64("(((")).status());
  }

  @Test
  void malformedUpdates_areDroppedAndServerKeepsServing() throws Exception {
    Wire.tcp(server.updatePort(), "{\"type\": ");
    Wire.udp(server.udpPort(), "[1,2]".getBytes(StandardCharsets.UTF_8));
    Wire.udp(server.udpPort(), new byte[] {0x1A, 1, 2, 3});
    Wire.udp(server.udpPort(), new byte[] {(byte) 0xff, (byte) 0xfe});
    Wire.tcp(server.updatePort(), new byte[0]);
    Wire.tcp(server.updatePort(), MANAGER);
    await(6);
    assertEquals(5, server.updatesDropped());
    assertEquals(1, server.records().size());
  }

  @Test
  void oversizeUpdate_isDropped() throws Exception {
    server.close();
    server = startWith(CatalogServer.Config.defaults().withLimits(100, 1000));
    String big =
        "{\"type\":\"t\",\"name\":\"big\",\"port\":1,\"pad\":\"" + "x".repeat(5000) + "\"}";
    Wire.tcp(server.updatePort(), big);
    Wire.udp(server.udpPort(), big.getBytes(StandardCharsets.UTF_8));
    // Compressed, it is small on the wire, but it inflates past the limit.
    Wire.udp(server.udpPort(), UpdateCodec.encodeCompressed(Wire.obj(big)));
    Wire.tcp(server.updatePort(), MANAGER);
    await(4);
    assertEquals(3, server.updatesDropped());
    assertEquals(1, server.records().size());
  }

  @Test
  void maxRecords_dropsNewKeysButUpdatesOldOnes() throws Exception {
    server.close();
    server = startWith(CatalogServer.Config.defaults().withLimits(2, 1 << 20));
    for (int i = 0; i < 3; i++) {
      Wire.tcp(server.updatePort(), "{\"type\":\"t\",\"name\":\"n" + i + "\",\"port\":1}");
    }
    Wire.tcp(server.updatePort(), "{\"type\":\"t\",\"name\":\"n0\",\"port\":1,\"x\":1}");
    await(4);
    assertEquals(2, server.records().size());
    assertEquals(1, server.updatesDropped());
  }

  @Test
  void pages_textHtmlDetailAndNotFound() throws Exception {
    Wire.tcp(server.updatePort(), MANAGER.replace("\"me\"", "\"<b>me</b>\""));
    await(1);
    Wire.Answer text = Wire.get(server.port(), "/query.text");
    assertTrue(text.body().startsWith("address 127.0.0.1\nlastheardfrom "), text.body());
    assertTrue(text.body().contains("\nport 9123\nproject p1\n"), text.body());
    assertTrue(text.body().endsWith("\n\n"), text.body());
    for (String path : List.of("/", "/query.html")) {
      Wire.Answer html = Wire.get(server.port(), path);
      assertEquals(200, html.status());
      assertTrue(html.contentType().startsWith("text/html"), html.contentType());
      assertTrue(html.body().contains("<td>wq_master</td>"), html.body());
      assertTrue(html.body().contains("127.0.0.1:9123"), html.body());
      assertTrue(html.body().contains("&lt;b&gt;me&lt;/b&gt;"), "owner escaped");
      assertTrue(html.body().contains("/detail/127.0.0.1%3A9123%3Ah1"), html.body());
    }
    Wire.Answer detail = Wire.get(server.port(), "/detail/127.0.0.1:9123:h1");
    assertEquals(200, detail.status());
    assertTrue(detail.body().contains("<th>project</th><td>p1</td>"), detail.body());
    assertEquals(404, Wire.get(server.port(), "/detail/nope").status());
    assertEquals(404, Wire.get(server.port(), "/query.xml").status());
  }
}
