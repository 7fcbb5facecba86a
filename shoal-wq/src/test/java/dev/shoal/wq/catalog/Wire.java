package dev.shoal.wq.catalog;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Raw socket and HTTP helpers for tests against a server on 127.0.0.1. */
final class Wire {
  private Wire() {}

  /** An HTTP answer. */
  record Answer(int status, String contentType, String body) {}

  static Answer get(int port, String path) throws IOException, InterruptedException {
    try (HttpClient c = HttpClient.newHttpClient()) {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Answer(
          r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }
  }

  static void tcp(int port, byte[] data) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.getOutputStream().write(data);
      s.shutdownOutput();
      s.getInputStream().read();
    }
  }

  static void tcp(int port, String text) throws IOException {
    tcp(port, text.getBytes(StandardCharsets.UTF_8));
  }

  static void udp(int port, byte[] data) throws IOException {
    try (DatagramSocket s = new DatagramSocket()) {
      s.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
    }
  }

  static JxObject obj(String json) {
    try {
      return (JxObject) Json.parse(json, "<test>");
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
