package dev.shoal.wq.catalog;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Answers the catalog's HTTP queries: {@code /query.json}, {@code /query.text}, {@code /} and
 * {@code /query.html}, {@code /query/<base64 JX expression>}, {@code /detail/<key>}; anything else
 * is 404, a bad expression 400, a method other than GET or HEAD 405. Stateless apart from the
 * store; runs on the HTTP server's threads.
 */
final class QueryHandler implements HttpHandler {
  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";

  private final RecordStore store;
  private final String title;

  QueryHandler(RecordStore store, String title) {
    this.store = store;
    this.title = title;
  }

  /** A reply: status, content type, body. */
  record Reply(int status, String contentType, String body) {}

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      Reply r =
          method.equals("GET") || method.equals("HEAD")
              ? answer(ex.getRequestURI().getRawPath())
              : new Reply(405, TEXT, "only GET and HEAD are served\n");
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", r.contentType());
      if (method.equals("HEAD")) {
        ex.sendResponseHeaders(r.status(), -1);
        return;
      }
      ex.sendResponseHeaders(r.status(), body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The reply to a GET of {@code rawPath}. Pure apart from reading the store. */
  Reply answer(String rawPath) {
    String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    switch (path) {
      case "/", "/query.html" -> {
        return new Reply(200, HTML, RecordFormats.html(title, store.records()));
      }
      case "/query.json" -> {
        return new Reply(200, JSON, RecordFormats.json(store.records()));
      }
      case "/query.text" -> {
        return new Reply(200, TEXT, RecordFormats.text(store.records()));
      }
      default -> {}
    }
    if (path.startsWith("/query/")) {
      QueryFilter filter;
      try {
        filter = QueryFilter.fromBase64(path.substring("/query/".length()));
      } catch (IllegalArgumentException e) {
        return new Reply(400, TEXT, e.getMessage() + "\n");
      }
      List<JxObject> hits = store.records().stream().filter(filter::matches).toList();
      return new Reply(200, JSON, RecordFormats.json(hits));
    }
    if (path.startsWith("/detail/")) {
      String key = URLDecoder.decode(path.substring("/detail/".length()), StandardCharsets.UTF_8);
      Optional<JxObject> rec = store.get(key);
      return rec.map(r -> new Reply(200, HTML, RecordFormats.detail(title, r)))
          .orElseGet(() -> new Reply(404, TEXT, "no record '" + key + "' (it may have expired)\n"));
    }
    return new Reply(404, TEXT, "not found: " + path + "\n");
  }
}
