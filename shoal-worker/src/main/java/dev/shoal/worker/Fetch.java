package dev.shoal.worker;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/** Downloads for {@code puturl}: HTTP(S) GET only, with timeouts. */
final class Fetch {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private Fetch() {}

  /** A stream of the body of {@code url}; the caller closes it. */
  static InputStream open(String url) throws IOException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IOException("'" + url + "' is not a URL: " + e.getMessage(), e);
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IOException("cannot fetch '" + url + "': only http and https URLs are supported");
    }
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout((int) TIMEOUT.toMillis());
    c.setReadTimeout((int) TIMEOUT.toMillis());
    int code = c.getResponseCode();
    if (code != 200) {
      c.disconnect();
      throw new IOException("GET " + url + " answered HTTP " + code);
    }
    return c.getInputStream();
  }
}
