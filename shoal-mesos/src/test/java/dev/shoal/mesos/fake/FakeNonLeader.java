package dev.shoal.mesos.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A master that is not the leader: every request is answered 307 to the leader's address. */
public final class FakeNonLeader implements AutoCloseable {
  private final HttpServer server;

  public FakeNonLeader(String leaderAddress) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.createContext(
        "/",
        ex -> {
          try (ex) {
            ex.getRequestBody().readAllBytes();
            // Mesos writes the leader as a network-path reference: //host:port/path.
            ex.getResponseHeaders().set("Location", "//" + leaderAddress + "/api/v1/scheduler");
            ex.sendResponseHeaders(307, -1);
          }
        });
    server.start();
  }

  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
