package dev.shoal.worker;

import dev.shoal.wire.Body;
import dev.shoal.wire.ChannelInput;
import dev.shoal.wire.ManagerMessage;
import dev.shoal.wire.Message;
import dev.shoal.wire.PasswordAuth;
import dev.shoal.wire.Payload;
import dev.shoal.wire.ProjectNameRequest;
import dev.shoal.wire.ProtocolException;
import dev.shoal.wire.Tls;
import dev.shoal.wire.WireCodec;
import dev.shoal.wire.WireLimits;
import dev.shoal.wire.WorkerMessage;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.util.List;

/**
 * One connection to a manager: authentication, the project-name check, the handshake, then the
 * manager's messages until it releases the worker, tells it to exit, or the connection ends.
 *
 * <p>Replies are buffered and flushed when no more input is waiting, so a batch of messages gets
 * one batch of replies. A malformed message is logged and ends the connection.
 *
 * <p>Threading: {@link #serve} runs on one thread; {@link #resultReady} (from task threads) and
 * {@link #close} (from the watchdog) may be called from any thread. Writes hold this object's lock.
 */
final class Session implements TaskRunner.Listener {
  /** Threads that store small put bodies (see {@link CacheWriter}; docs/worker.md). */
  static final int WRITERS = 2;

  /** Largest in-memory payload accepted (command text, symlink targets). */
  static final long MAX_PUT_BYTES = 256L << 20;

  /**
   * Largest file accepted in a {@code put}: what the worker offers as disk (bodies go straight to
   * disk); a longer one is malformed and ends the connection.
   */
  static long maxFileBytes(Amounts total) {
    return (long) Math.min(Long.MAX_VALUE / 2, total.diskMb() * (1 << 20));
  }

  /** How a connection ended. */
  enum Ending {
    EXIT,
    RELEASED,
    LOST,
    MALFORMED,
    AUTH_FAILED,
    WRONG_PROJECT,
    STOPPED
  }

  private final Socket socket;
  private final WorkerContext ctx;
  private final InputStream in;
  private final InputStream socketIn;
  private final WireCodec codec;
  private final FileSender files;
  private final CacheWriter writer; // null: every put stored by this thread
  private DirPut dirPut;
  private boolean announced; // guarded by this
  private volatile boolean stopping;
  private long lastTaskId;

  Session(Socket socket, WorkerContext ctx) throws IOException {
    this.socket = socket;
    this.ctx = ctx;
    SocketChannel raw = Tls.rawChannel(socket);
    this.socketIn = socket.getInputStream();
    // Over a plain socket, file bodies go from the socket to the cache through buffers off the
    // heap.
    this.in = raw != null ? new ChannelInput(raw) : new BufferedInputStream(socketIn, 1 << 16);
    this.codec =
        new WireCodec(
                in,
                socket.getOutputStream(),
                raw,
                WireLimits.DEFAULT.withMaxPayloadBytes(MAX_PUT_BYTES))
            .streamFileBodies(maxFileBytes(ctx.total()));
    this.files = new FileSender(codec, ctx.cache(), ctx.protocol());
    int writers = Integer.getInteger("shoal.worker.writers", WRITERS);
    this.writer = writers > 0 ? new CacheWriter(ctx.cache(), writers) : null;
  }

  /** Runs the connection to its end; never throws. */
  Ending serve() {
    String peer = socket.getRemoteSocketAddress().toString();
    try {
      Ending early = handshake();
      if (early != null) {
        return early;
      }
      ctx.log().info("connected to manager " + peer + " (protocol " + ctx.protocol() + ")");
      while (true) {
        Message m = codec.readFromManager();
        Ending e = handle((ManagerMessage) m);
        if (e != null) {
          return e;
        }
        if (in.available() == 0 && socketIn.available() == 0) {
          flush();
        }
      }
    } catch (ProtocolException e) {
      if (stopping) {
        return Ending.STOPPED;
      }
      ctx.log()
          .error("manager " + peer + " sent a malformed message, disconnecting: " + e.getMessage());
      return Ending.MALFORMED;
    } catch (IOException | RuntimeException e) {
      if (stopping) {
        return Ending.STOPPED;
      }
      String why = e instanceof EOFException ? "closed the connection" : "connection failed: " + e;
      ctx.log().warn("manager " + peer + " " + why);
      return Ending.LOST;
    } finally {
      close();
    }
  }

  /** Null when the worker may go on; else why the connection ends. */
  private Ending handshake() throws IOException {
    if (ctx.password() != null) {
      PasswordAuth.Outcome o =
          new PasswordAuth(ctx.password(), new SecureRandom()).authenticate(codec);
      if (!o.ok()) {
        ctx.log()
            .error(
                o.peerKnowsPassword()
                    ? "the manager refused our password: check that -P names the manager's password file"
                    : "the manager did not prove the password (wrong password, or a manager of someone"
                        + " else): not running anything for it");
        return Ending.AUTH_FAILED;
      }
    }
    if (ctx.protocol() >= 11 && !ctx.projects().isEmpty()) {
      String project = ProjectNameRequest.ask(codec);
      if (ctx.projects().stream().noneMatch(p -> p.matcher(project).matches())) {
        ctx.log().warn("manager's project '" + project + "' does not match -M: disconnecting");
        return Ending.WRONG_PROJECT;
      }
    }
    synchronized (this) {
      codec.write(
          new WorkerMessage.Hello(
              ctx.protocol(), ctx.hostname(), ctx.os(), ctx.arch(), ctx.version()));
      codec.write(new WorkerMessage.Info("worker-id", ctx.workerId()));
      for (String f : ctx.features()) {
        codec.write(new WorkerMessage.Feature(f));
      }
      resources();
      codec.write(new WorkerMessage.Info("worker-end-time", Long.toString(ctx.endTimeSeconds())));
      codec.flush();
    }
    ctx.runner().listener(this);
    return null;
  }

  /** {@code alive}, the resource block, {@code tasks_running}. Caller holds the lock. */
  private void resources() throws IOException {
    Amounts t = ctx.total();
    codec.write(new WorkerMessage.Alive());
    codec.write(new WorkerMessage.Resource("workers", 1, 1, 1));
    codec.write(new WorkerMessage.Resource("disk", t.diskMb(), t.diskMb(), t.diskMb()));
    codec.write(new WorkerMessage.Resource("memory", t.memoryMb(), t.memoryMb(), t.memoryMb()));
    codec.write(new WorkerMessage.Resource("gpus", t.gpus(), t.gpus(), t.gpus()));
    codec.write(new WorkerMessage.Resource("cores", t.cores(), t.cores(), t.cores()));
    codec.write(new WorkerMessage.ResourceTag(lastTaskId));
    codec.write(new WorkerMessage.Info("end_of_resource_update", "0"));
    codec.write(new WorkerMessage.Info("tasks_running", Integer.toString(ctx.runner().active())));
  }

  private Ending handle(ManagerMessage m) throws IOException {
    if (dirPut != null) {
      if (dirPut.accept(m)) {
        finishDirPut();
      }
      return null;
    }
    switch (m) {
      case ManagerMessage.Check c -> {
        synchronized (this) {
          codec.write(new WorkerMessage.Alive());
          codec.write(
              new WorkerMessage.Info("tasks_running", Integer.toString(ctx.runner().active())));
        }
      }
      case ManagerMessage.Put p -> {
        checkCacheName(p.name(), "put");
        ctx.cache().awaitStored(p.name());
        long t0 = System.nanoTime();
        stored(p.name(), () -> ctx.cache().put(p.name(), p.data().toByteArray(), p.mode()), t0);
      }
      case ManagerMessage.PutBody p -> {
        checkCacheName(p.name(), "put"); // ends the connection: the body need not be read
        long t0 = System.nanoTime();
        if (writer != null && CacheWriter.takes(p.body().length())) {
          writer.put(p.name(), p.body(), p.mode(), t0, this::storedElsewhere);
        } else {
          ctx.cache().awaitStored(p.name());
          stored(p.name(), () -> ctx.cache().put(p.name(), p.body(), p.mode()), t0, p.body());
        }
      }
      case ManagerMessage.PutUrl p -> {
        checkCacheName(p.name(), "puturl");
        ctx.cache().awaitStored(p.name());
        long t0 = System.nanoTime();
        stored(
            p.name(),
            () -> {
              try (InputStream body = Fetch.open(p.url())) {
                return ctx.cache().put(p.name(), body, p.mode());
              }
            },
            t0);
      }
      case ManagerMessage.PutCmd p -> {
        checkCacheName(p.name(), "putcmd");
        invalid(p.name(), "putcmd is not supported by the Shoal worker: send the file with put");
      }
      case ManagerMessage.Dir d -> {
        checkCacheName(d.name(), "dir");
        ctx.cache().awaitStored(d.name());
        dirPut = new DirPut(d.name(), ctx.cache());
      }
      case ManagerMessage.Symlink s ->
          throw new ProtocolException("symlink " + s.name(), "a symlink only inside a 'dir' put");
      case ManagerMessage.Task t -> {
        ctx.workReceived();
        TaskRunner.Admission a = ctx.runner().submit(t.spec());
        synchronized (this) {
          if (a == TaskRunner.Admission.FORSAKEN) {
            resources();
          }
          lastTaskId = Math.max(lastTaskId, t.spec().id().value());
          if (a == TaskRunner.Admission.ACCEPTED) {
            codec.write(
                new WorkerMessage.Info("tasks_running", Integer.toString(ctx.runner().active())));
          } else {
            announce();
          }
        }
      }
      case ManagerMessage.SendResults s -> sendResults(s.max());
      case ManagerMessage.Get g -> {
        ctx.cache().awaitStored(g.name()); // before the lock: the writer's reply takes it
        synchronized (this) {
          files.send(g.name());
        }
      }
      case ManagerMessage.Kill k -> ctx.runner().kill(k.id());
      case ManagerMessage.KillAll k -> ctx.runner().killAll();
      case ManagerMessage.Unlink u -> {
        checkCacheName(u.name(), "unlink");
        ctx.cache().remove(u.name());
      }
      case ManagerMessage.InvalidateFile i -> {
        checkCacheName(i.name(), "invalidate-file");
        ctx.cache().remove(i.name());
      }
      case ManagerMessage.Tlq t -> ctx.log().debug("manager's TLQ URL: " + t.url());
      case ManagerMessage.Release r -> {
        ctx.log().info("released by the manager");
        return Ending.RELEASED;
      }
      case ManagerMessage.Exit x -> {
        ctx.log().info("the manager told this worker to exit");
        return Ending.EXIT;
      }
      case Message.End e -> throw new ProtocolException("end", "a message ('end' outside a block)");
    }
    return null;
  }

  private static void checkCacheName(String name, String verb) throws ProtocolException {
    String problem = SafeNames.cacheNameProblem(name);
    if (problem != null) {
      throw new ProtocolException(verb + " " + name, "a safe cache name: " + problem);
    }
  }

  /** What a cache write does; returns the stored size. */
  private interface Store {
    long run() throws IOException;
  }

  /** Runs a cache write; in protocol 11, answers cache-update or cache-invalid. */
  private void stored(String name, Store store, long t0) throws IOException {
    stored(name, store, t0, null);
  }

  /** As above; a failure before {@code body} (if any) fully arrived ends the connection. */
  private void stored(String name, Store store, long t0, Body body) throws IOException {
    long size;
    try {
      size = store.run();
    } catch (IOException e) {
      if (body != null && !body.arrived()) {
        throw e;
      }
      ctx.log().warn("cannot store " + name + " in the cache: " + e.getMessage());
      invalid(name, e.getMessage());
      return;
    }
    if (ctx.protocol() >= 11) {
      synchronized (this) {
        codec.write(new WorkerMessage.CacheUpdate(name, size, (System.nanoTime() - t0) / 1000));
      }
    }
  }

  /** A {@link CacheWriter} stored (or failed to store) {@code name}: the reply a put gets. */
  private void storedElsewhere(String name, long size, long t0, IOException failure) {
    try {
      if (failure != null) {
        ctx.log().warn("cannot store " + name + " in the cache: " + failure.getMessage());
        invalid(name, failure.getMessage());
      } else if (ctx.protocol() >= 11) {
        synchronized (this) {
          codec.write(new WorkerMessage.CacheUpdate(name, size, (System.nanoTime() - t0) / 1000));
        }
      }
      if (ctx.cache().idle()) {
        flush(); // the session thread may be waiting for input with this reply buffered
      }
    } catch (IOException | RuntimeException e) {
      ctx.log().debug("cannot answer the put of " + name + ": " + e.getMessage());
    }
  }

  private void invalid(String name, String why) throws IOException {
    if (ctx.protocol() >= 11) {
      synchronized (this) {
        codec.write(new WorkerMessage.CacheInvalid(name, Payload.utf8(why == null ? "" : why)));
      }
    } else {
      ctx.log().warn(name + ": " + why);
    }
  }

  private void finishDirPut() throws IOException {
    DirPut d = dirPut;
    dirPut = null;
    long t0 = System.nanoTime();
    stored(d.name(), d::commit, t0);
  }

  private synchronized void sendResults(int max) throws IOException {
    List<WorkerMessage.Result> results = ctx.runner().takeResults(max);
    for (WorkerMessage.Result r : results) {
      codec.write(r);
    }
    codec.write(new WorkerMessage.Info("tasks_running", Integer.toString(ctx.runner().active())));
    codec.write(new Message.End());
    announced = false;
    if (ctx.runner().hasResults()) {
      announce();
    }
  }

  /** Says {@code available_results} once until the manager fetches them. Caller holds the lock. */
  private void announce() throws IOException {
    if (!announced) {
      announced = true;
      codec.write(new WorkerMessage.AvailableResults());
    }
  }

  @Override
  public void resultReady() {
    ctx.workReceived();
    synchronized (this) {
      try {
        if (!announced) {
          announce();
          codec.flush();
        }
      } catch (IOException e) {
        // The session thread sees the broken connection on its next read.
        ctx.log().debug("cannot announce results: " + e.getMessage());
      }
    }
  }

  private synchronized void flush() throws IOException {
    codec.flush();
  }

  /** Ends the connection from another thread (idle timeout, wall time, shutdown). */
  void stop(String why, WorkerMessage.Info notice) {
    stopping = true;
    ctx.log().info(why);
    try {
      synchronized (this) {
        codec.write(notice);
        codec.flush();
      }
    } catch (IOException | RuntimeException e) {
      // closing anyway
    }
    close();
  }

  private void close() {
    ctx.runner().listener(() -> {});
    if (writer != null) {
      writer.close();
    }
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to do with a socket that cannot close
    }
  }
}
