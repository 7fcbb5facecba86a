package dev.shoal.wq.manager;

import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.Opening;
import dev.shoal.wire.PasswordAuth;
import dev.shoal.wire.ProtocolException;
import dev.shoal.wire.Tls;
import dev.shoal.wire.WireCodec;
import dev.shoal.wire.WireLimits;
import dev.shoal.wire.WorkerMessage;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

/**
 * One peer's TCP connection: a reader and a writer, each a small daemon platform thread.
 *
 * <p>The reader runs the handshake (password, {@code name}, {@code workqueue 9|11}), then parses
 * messages and posts them to the manager as {@link Event}s. Replies the manager announced with
 * {@link #expectResults()} or {@link #expectFetch} are followed here: file data goes straight to
 * disk through an {@link OutputFetch}, and only the end of each reply is posted. Anything malformed
 * ends the connection with a reason ({@link Event.Closed}), never the manager.
 *
 * <p>The writer sends what the manager queued ({@link #send}, {@link #put}), in order, and flushes
 * whenever its queue runs dry: one flush per batch of the manager. File bodies are read from disk
 * on the writer thread, so a large input or a slow worker never holds up the manager thread.
 *
 * <p>Threading: {@link #send}, {@link #put} and the {@code expect} methods are called by the
 * manager thread only, an expectation always before the message it answers is queued.
 */
final class Connection {
  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  /** Largest output file accepted from a worker; it goes straight to disk (1 TiB). */
  static final long MAX_STREAMED_BYTES = 1L << 40;

  /** Small stacks: a reader or writer only parses lines and copies buffers. */
  private static Thread.Builder thread(String name) {
    return Thread.ofPlatform().daemon().stackSize(256 << 10).name(name);
  }

  /** What the reader needs for the handshake. */
  record Handshake(byte[] password, String projectName, int timeoutMillis) {}

  private sealed interface Outbound {}

  private record Send(Message message) implements Outbound {}

  private record PutFile(ManagedTask.InputFile file, String cacheName) implements Outbound {}

  private record Raw(String text) implements Outbound {}

  private record Close() implements Outbound {}

  private record ResultsReply() {}

  private final Socket socket;
  private final String peer;
  private final WireCodec codec;
  private final Consumer<Event> post;
  private final BlockingQueue<Outbound> outbound = new LinkedBlockingQueue<>();
  private final Queue<Object> expected = new ConcurrentLinkedQueue<>();
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean closing;
  private final Transfers transfers;

  Connection(Socket socket, WireLimits limits, Consumer<Event> post) throws IOException {
    this(socket, limits, post, new Transfers());
  }

  /** With {@code transfers} counting the input files sent on this connection. */
  Connection(Socket socket, WireLimits limits, Consumer<Event> post, Transfers transfers)
      throws IOException {
    this.transfers = transfers;
    this.socket = socket;
    this.peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    this.codec =
        new WireCodec(
                socket.getInputStream(), socket.getOutputStream(), Tls.rawChannel(socket), limits)
            .streamFileBodies(MAX_STREAMED_BYTES);
    this.post = post;
  }

  /** Starts the reader (with the handshake) and the writer. */
  void start(Handshake handshake) {
    // Platform threads, not virtual: once a virtual thread has blocked on a socket, the JDK's
    // poller threads sit in native code for good, and the JVM then waits 300 ms at exit for them.
    thread("wq-read-" + peer).start(() -> readLoop(handshake));
    thread("wq-write-" + peer).start(this::writeLoop);
  }

  String peer() {
    return peer;
  }

  long lastHeardNanos() {
    return lastHeardNanos;
  }

  void send(ManagerMessage m) {
    outbound.add(new Send(m));
  }

  /** Queues a {@code put} of a file, or a recursive {@code dir} of a directory. */
  void put(ManagedTask.InputFile file, String cacheName) {
    outbound.add(new PutFile(file, cacheName));
  }

  /** Queues text for a status client. */
  void sendRaw(String text) {
    outbound.add(new Raw(text));
  }

  /** Announces a {@code send_results}; queue it right after. */
  void expectResults() {
    expected.add(new ResultsReply());
  }

  /** Announces a {@code get}; queue it right after. */
  void expectFetch(OutputFetch fetch) {
    expected.add(fetch);
  }

  /** Closes once everything queued so far is written. */
  void closeAfterWrites() {
    closing = true;
    outbound.add(new Close());
  }

  /** Closes now; the reader then posts {@link Event.Closed}. */
  void closeNow() {
    closing = true;
    outbound.add(new Close());
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing " + peer + ": " + e.getMessage());
    }
  }

  private void readLoop(Handshake handshake) {
    String reason;
    try {
      if (handshake(handshake)) {
        while (true) {
          WorkerMessage m = codec.readFromWorker();
          lastHeardNanos = System.nanoTime();
          handle(m);
        }
      }
      // A status client: the writer closes the socket once the manager's answer is out (closing
      // it here lost the answer whenever the reader got there first).
      post.accept(new Event.Closed(this, "status query answered"));
      return;
    } catch (EOFException e) {
      reason = "disconnected";
    } catch (SocketTimeoutException e) {
      reason = "no handshake within " + handshake.timeoutMillis() / 1000 + " s";
    } catch (ProtocolException e) {
      reason = e.getMessage();
    } catch (IOException e) {
      reason = closing ? "closed by the manager" : "connection failed: " + e.getMessage();
    } catch (RuntimeException e) {
      reason = "internal error reading from the worker: " + e;
      LOG.log(System.Logger.Level.ERROR, reason, e);
    }
    for (Object x : expected) {
      if (x instanceof OutputFetch f) {
        f.discard();
      }
    }
    try {
      socket.close();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "closing " + peer + ": " + e.getMessage());
    }
    outbound.add(new Close());
    post.accept(new Event.Closed(this, reason));
  }

  /** Returns true for a worker, false for a status client (whose query was posted). */
  private boolean handshake(Handshake h) throws IOException {
    socket.setSoTimeout(h.timeoutMillis());
    if (h.password() != null) {
      PasswordAuth.Outcome o =
          new PasswordAuth(h.password(), new SecureRandom()).authenticate(codec);
      if (!o.peerKnowsPassword()) {
        throw new ProtocolException("<wrong password>", "the manager's password");
      }
      if (!o.peerAcceptedUs()) {
        throw new ProtocolException("failure", "'ok' (the peer refused our password)");
      }
    }
    Opening first = Opening.read(codec);
    if (first instanceof Opening.NameRequest) {
      Opening.answerName(codec, h.projectName());
      WorkerMessage m = codec.readFromWorker();
      if (!(m instanceof WorkerMessage.Hello hello)) {
        throw new ProtocolException(m.toString(), "'workqueue …' after the project name");
      }
      first = new Opening.Hello(hello);
    }
    switch (first) {
      case Opening.StatusQuery q -> {
        post.accept(new Event.StatusQuery(this, q.verb()));
        return false;
      }
      case Opening.Hello hello -> {
        int v = hello.hello().protocol();
        if (v != 9 && v != 11) {
          throw new ProtocolException(
              "workqueue " + v, "protocol 9 or 11 (upgrade or downgrade the worker)");
        }
        socket.setSoTimeout(0);
        post.accept(new Event.Joined(this, hello.hello()));
        return true;
      }
      case Opening.NameRequest n -> throw new ProtocolException("name", "one 'name' request");
    }
  }

  private void handle(WorkerMessage m) throws IOException {
    switch (m) {
      case WorkerMessage.FileData f -> fetch(m).file(f);
      case WorkerMessage.FileBody f -> fetch(m).file(f);
      case WorkerMessage.DirHeader d -> fetch(m).dir(d);
      case WorkerMessage.Missing x -> fetch(m).missing(x);
      case Message.End e -> {
        Object head = expected.poll();
        switch (head) {
          case null -> throw new ProtocolException("end", "a message (no reply was pending)");
          case OutputFetch f -> {
            f.finish();
            post.accept(new Event.Fetched(this, f));
          }
          default -> post.accept(new Event.ResultsDone(this));
        }
      }
      default -> post.accept(new Event.Received(this, m));
    }
  }

  private OutputFetch fetch(WorkerMessage m) throws ProtocolException {
    if (expected.peek() instanceof OutputFetch f) {
      return f;
    }

    throw new ProtocolException(m.toString(), "file data only in answer to 'get'");
  }

  private void writeLoop() {
    try {
      while (true) {
        Outbound o = outbound.take();
        while (o != null) {
          if (o instanceof Close) {
            codec.flush();
            socket.close();
            return;
          }
          write(o);
          o = outbound.poll();
        }
        codec.flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      if (!closing) {
        LOG.log(
            System.Logger.Level.WARNING, "cannot write to worker " + peer + ": " + e.getMessage());
      }
      try {
        socket.close();
      } catch (IOException x) {
        LOG.log(System.Logger.Level.DEBUG, "closing " + peer + ": " + x.getMessage());
      }
    }
  }

  private void write(Outbound o) throws IOException {
    switch (o) {
      case Send s -> codec.write(s.message());
      case PutFile p -> {
        long start = System.nanoTime();
        long size = Puts.write(codec, p.file(), p.cacheName());
        transfers.add(size, System.nanoTime() - start);
      }
      case Raw r -> {
        codec.flush();
        socket.getOutputStream().write(r.text().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
      }
      case Close c -> throw new IllegalStateException("handled by the loop");
    }
  }
}
