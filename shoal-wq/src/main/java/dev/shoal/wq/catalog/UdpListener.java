package dev.shoal.wq.catalog;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;

/**
 * Receives one update per UDP datagram on its own thread until the socket is closed. Owns nothing
 * but the thread; the server owns and closes the socket.
 */
final class UdpListener implements Runnable {
  private static final Logger LOG = System.getLogger("dev.shoal.wq.catalog");
  private static final int MAX_DATAGRAM = 65_536;

  private final DatagramSocket socket;
  private final UpdateSink sink;

  UdpListener(DatagramSocket socket, UpdateSink sink) {
    this.socket = socket;
    this.sink = sink;
  }

  @Override
  public void run() {
    byte[] buf = new byte[MAX_DATAGRAM];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.log(Level.WARNING, "UDP receive failed: {0}", e.getMessage());
        }
        continue;
      }
      sink.accept(p.getData(), p.getLength(), p.getAddress().getHostAddress(), "UDP");
    }
  }
}
