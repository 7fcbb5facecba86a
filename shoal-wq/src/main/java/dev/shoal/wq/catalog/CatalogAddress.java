package dev.shoal.wq.catalog;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a catalog server listens: a host and its HTTP/UDP port. Its TCP update port is {@code port
 * + 1}, as with cctools.
 *
 * @param host a host name or address
 * @param port the HTTP query and UDP update port (1–65535)
 */
public record CatalogAddress(String host, int port) {
  /** The port cctools clients and servers use when none is given. */
  public static final int DEFAULT_PORT = 9097;

  public CatalogAddress {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("catalog host is empty: give host or host:port");
    }
    if (port < 1 || port > 65534) {
      throw new IllegalArgumentException(
          "catalog port " + port + " is out of range: use 1-65534 (the TCP port is port+1)");
    }
  }

  /** The TCP port that takes updates: one past the query port. */
  public int tcpUpdatePort() {
    return port + 1;
  }

  /**
   * Parses {@code host} or {@code host:port}.
   *
   * @param defaultPort the port when {@code text} names none
   * @throws IllegalArgumentException when the port is not a number in range
   */
  public static CatalogAddress parse(String text, int defaultPort) {
    String t = text.strip();
    int colon = t.lastIndexOf(':');
    if (colon < 0) {
      return new CatalogAddress(t, defaultPort);
    }
    String p = t.substring(colon + 1);
    try {
      return new CatalogAddress(t.substring(0, colon), Integer.parseInt(p));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "catalog address '" + text + "' has a bad port '" + p + "': use host:port", e);
    }
  }

  /** Parses a comma-separated list of {@code host[:port]}, skipping empty entries. */
  public static List<CatalogAddress> parseList(String text, int defaultPort) {
    List<CatalogAddress> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part, defaultPort));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no catalog host in '" + text + "'");
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
