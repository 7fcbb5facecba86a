package dev.shoal.wq.catalog;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Talks to catalog servers (ours or cctools'): sends updates and runs queries.
 *
 * <p>Updates go to every host in the list; queries go to the hosts in order until one answers.
 * Immutable and thread-safe; each call opens and closes its own sockets and blocks for at most
 * about the timeout per host.
 */
public final class CatalogClient {
  /** How updates travel: TCP to {@code port + 1} (cctools' default since 7.4.16) or UDP. */
  public enum Protocol {
    TCP,
    UDP
  }

  /** cctools' public catalogs, used when {@code CATALOG_HOST} is unset. */
  public static final String DEFAULT_HOSTS = "catalog.cse.nd.edu,backup-catalog.cse.nd.edu";

  /** UDP updates longer than this are sent compressed, as a datagram this size fits any path. */
  static final int UDP_COMPRESS_OVER = 1200;

  private static final int UDP_MAX = 65_507;

  private final List<CatalogAddress> hosts;
  private final Protocol protocol;
  private final Duration timeout;

  private CatalogClient(List<CatalogAddress> hosts, Protocol protocol, Duration timeout) {
    if (hosts.isEmpty()) {
      throw new IllegalArgumentException("a catalog client needs at least one host");
    }
    this.hosts = List.copyOf(hosts);
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** A client of {@code hosts} using {@code protocol}, with a 5 s timeout per host. */
  public static CatalogClient of(List<CatalogAddress> hosts, Protocol protocol) {
    return new CatalogClient(hosts, protocol, Duration.ofSeconds(5));
  }

  /** A client of a comma-separated {@code host[:port]} list (default port 9097), over TCP. */
  public static CatalogClient of(String hostList) {
    return of(CatalogAddress.parseList(hostList, CatalogAddress.DEFAULT_PORT), Protocol.TCP);
  }

  /** The same client with another per-host timeout. */
  public CatalogClient withTimeout(Duration t) {
    return new CatalogClient(hosts, protocol, t);
  }

  /** A client configured from the process environment; see {@link #fromEnvironment(Map)}. */
  public static CatalogClient fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /**
   * A client configured as cctools tools are: {@code CATALOG_HOST} (comma list of {@code
   * host[:port]}, default {@link #DEFAULT_HOSTS}), {@code CATALOG_PORT} (default 9097) and {@code
   * CATALOG_UPDATE_PROTOCOL} ({@code tcp} or {@code udp}, default tcp).
   *
   * @throws IllegalArgumentException when a variable holds a value that cannot be used
   */
  public static CatalogClient fromEnvironment(Map<String, String> env) {
    int port = CatalogAddress.DEFAULT_PORT;
    String p = env.get("CATALOG_PORT");
    if (p != null && !p.isBlank()) {
      try {
        port = Integer.parseInt(p.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("CATALOG_PORT='" + p + "' is not a port number", e);
      }
    }
    String h = env.getOrDefault("CATALOG_HOST", "");
    List<CatalogAddress> hosts = CatalogAddress.parseList(h.isBlank() ? DEFAULT_HOSTS : h, port);
    String proto = env.getOrDefault("CATALOG_UPDATE_PROTOCOL", "tcp").strip();
    Protocol protocol =
        switch (proto.toLowerCase(Locale.ROOT)) {
          case "", "tcp" -> Protocol.TCP;
          case "udp" -> Protocol.UDP;
          default ->
              throw new IllegalArgumentException(
                  "CATALOG_UPDATE_PROTOCOL='" + proto + "': use tcp or udp");
        };
    return of(hosts, protocol);
  }

  public List<CatalogAddress> hosts() {
    return hosts;
  }

  public Protocol protocol() {
    return protocol;
  }

  /**
   * Sends {@code record} to every host. The server adds {@code address} and {@code lastheardfrom};
   * a record should carry {@code type}, {@code name} and {@code port}, which make its key.
   *
   * @throws IOException when no host could be sent to (with each host's failure suppressed)
   */
  public void update(JxObject record) throws IOException {
    IOException failure = null;
    int sent = 0;
    for (CatalogAddress a : hosts) {
      try {
        if (protocol == Protocol.TCP) {
          sendTcp(a, UpdateCodec.encode(record));
        } else {
          sendUdp(a, record);
        }
        sent++;
      } catch (IOException e) {
        if (failure == null) {
          failure = new IOException("catalog update failed for every host in " + hosts);
        }
        failure.addSuppressed(new IOException(a + ": " + e.getMessage(), e));
      }
    }
    if (sent == 0 && failure != null) {
      throw failure;
    }
  }

  /** All records of the first host that answers. */
  public List<JxObject> query() throws IOException {
    return get("/query.json");
  }

  /**
   * The records for which the JX boolean expression {@code jxFilter} is true, such as {@code
   * type=="wq_master"}, filtered by the server.
   */
  public List<JxObject> query(String jxFilter) throws IOException {
    return get("/query/" + QueryFilter.toBase64(jxFilter));
  }

  private void sendTcp(CatalogAddress a, byte[] data) throws IOException {
    try (Socket s = new Socket()) {
      int ms = (int) timeout.toMillis();
      s.connect(new InetSocketAddress(a.host(), a.tcpUpdatePort()), ms);
      s.setSoTimeout(ms);
      OutputStream out = s.getOutputStream();
      out.write(data);
      out.flush();
      s.shutdownOutput();
      // Wait for the server to close, so the update is read before this returns.
      s.getInputStream().read();
    }
  }

  private static void sendUdp(CatalogAddress a, JxObject record) throws IOException {
    byte[] data = UpdateCodec.encode(record);
    if (data.length > UDP_COMPRESS_OVER) {
      data = UpdateCodec.encodeCompressed(record);
    }
    if (data.length > UDP_MAX) {
      throw new IOException(
          "update of "
              + data.length
              + " bytes is too large for UDP: use CATALOG_UPDATE_PROTOCOL=tcp");
    }
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(new DatagramPacket(data, data.length, InetAddress.getByName(a.host()), a.port()));
    }
  }

  private List<JxObject> get(String path) throws IOException {
    IOException failure = new IOException("no catalog server answered among " + hosts);
    try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
      for (CatalogAddress a : hosts) {
        try {
          return fetch(http, a, path);
        } catch (IOException e) {
          failure.addSuppressed(new IOException(a + ": " + e.getMessage(), e));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("catalog query interrupted", e);
    }
    throw failure;
  }

  private List<JxObject> fetch(HttpClient http, CatalogAddress a, String path)
      throws IOException, InterruptedException {
    URI uri = URI.create("http://" + hostForUri(a.host()) + ":" + a.port() + path);
    HttpRequest req = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (resp.statusCode() != 200) {
      throw new IOException("HTTP " + resp.statusCode() + " for " + uri);
    }
    return parseRecords(resp.body(), uri.toString());
  }

  /** Parses a query answer: a JSON array of objects (anything else in it is skipped). */
  static List<JxObject> parseRecords(String body, String source) throws IOException {
    JxValue v;
    try {
      v = Json.parse(body, source);
    } catch (JxSyntaxException e) {
      throw new IOException("catalog answer is not JSON: " + e.getMessage(), e);
    }
    if (!(v instanceof JxArray(List<JxValue> items))) {
      throw new IOException("catalog answer from " + source + " is not a JSON array");
    }
    List<JxObject> out = new ArrayList<>(items.size());
    for (JxValue item : items) {
      if (item instanceof JxObject o) {
        out.add(o);
      }
    }
    return List.copyOf(out);
  }

  private static String hostForUri(String host) {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
