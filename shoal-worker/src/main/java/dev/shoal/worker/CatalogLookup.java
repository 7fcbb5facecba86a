package dev.shoal.worker;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxInteger;
import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.jx.JxSyntaxException;
import dev.shoal.jx.JxValue;
import dev.shoal.worker.WorkerOptions.HostPort;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Finds a manager through catalog servers: {@code GET /query.json}, keep the {@code wq_master}
 * records whose {@code project} matches one of the {@code -M} patterns (whole name), pick one at
 * random. Catalogs are asked in order until one answers.
 *
 * <p>The protocol to speak comes from the record ({@link #protocolFor}): Shoal's manager advertises
 * {@code protocol: 9} (so that cctools 8's factory and workers serve it) and {@code
 * protocols_accepted: [9, 11]}; a cctools 8 manager advertises only {@code protocol: 9}.
 */
final class CatalogLookup {
  /** Largest catalog answer read. */
  static final int MAX_ANSWER = 32 << 20;

  private CatalogLookup() {}

  /** A manager found in a catalog: where it is and the protocol to speak to it. */
  record Found(HostPort address, int protocol) {}

  /**
   * A matching manager, or empty if no catalog answered or none matched (both logged).
   *
   * @param preferred the protocol spoken when the manager's record accepts it
   */
  static Optional<Found> find(
      List<HostPort> catalogs,
      List<Pattern> projects,
      int preferred,
      RandomGenerator random,
      Log log) {
    for (HostPort c : catalogs) {
      String body;
      try {
        body = query(c);
      } catch (IOException e) {
        log.warn("catalog " + c + " did not answer: " + e.getMessage());
        continue;
      }
      try {
        List<Found> found = records(body, projects, preferred);
        if (found.isEmpty()) {
          log.info("catalog " + c + " lists no manager whose project matches " + projects);
          return Optional.empty();
        }
        return Optional.of(found.get(random.nextInt(found.size())));
      } catch (JxSyntaxException e) {
        log.warn("catalog " + c + " sent something that is not JSON: " + e.getMessage());
      }
    }
    return Optional.empty();
  }

  /** The managers in a {@code /query.json} answer whose project matches. Pure. */
  static List<HostPort> matching(String json, List<Pattern> projects) throws JxSyntaxException {
    return records(json, projects, 11).stream().map(Found::address).toList();
  }

  /**
   * The protocol to speak to the manager of record {@code r}: {@code preferred} when the record
   * lists it in {@code protocols_accepted}, else the record's {@code protocol} when it is one we
   * speak (9 or 11), else {@code preferred}. Pure.
   */
  static int protocolFor(JxObject r, int preferred) {
    if (r.get("protocols_accepted") instanceof JxArray a
        && a.items().contains(new JxInteger(preferred))) {
      return preferred;
    }
    if (r.get("protocol") instanceof JxInteger(long p) && (p == 9 || p == 11)) {
      return (int) p;
    }
    return preferred;
  }

  /** The managers in a {@code /query.json} answer whose project matches, with their protocol. */
  static List<Found> records(String json, List<Pattern> projects, int preferred)
      throws JxSyntaxException {
    List<Found> out = new ArrayList<>();
    if (!(Json.parse(json, "query.json") instanceof JxArray records)) {
      return out;
    }
    for (JxValue v : records.items()) {
      if (!(v instanceof JxObject r)
          || !(r.get("type") instanceof JxString type)
          || !type.value().equals("wq_master")
          || !(r.get("project") instanceof JxString project)
          || !(r.get("port") instanceof JxInteger port)
          || projects.stream().noneMatch(p -> p.matcher(project.value()).matches())) {
        continue;
      }
      String host =
          r.get("address") instanceof JxString a && !a.value().isEmpty()
              ? a.value()
              : r.get("name") instanceof JxString n ? n.value() : "";
      if (!host.isEmpty() && port.value() > 0 && port.value() < 65536) {
        out.add(new Found(new HostPort(host, (int) port.value()), protocolFor(r, preferred)));
      }
    }
    return out;
  }

  private static String query(HostPort c) throws IOException {
    HttpURLConnection h =
        (HttpURLConnection)
            URI.create("http://" + c.host() + ":" + c.port() + "/query.json")
                .toURL()
                .openConnection();
    h.setConnectTimeout(5000);
    h.setReadTimeout(10000);
    try {
      if (h.getResponseCode() != 200) {
        throw new IOException("HTTP " + h.getResponseCode());
      }
      try (InputStream in = h.getInputStream()) {
        byte[] b = in.readNBytes(MAX_ANSWER + 1);
        if (b.length > MAX_ANSWER) {
          throw new IOException("answer larger than " + MAX_ANSWER + " bytes");
        }
        return new String(b, StandardCharsets.UTF_8);
      }
    } finally {
      h.disconnect();
    }
  }
}
