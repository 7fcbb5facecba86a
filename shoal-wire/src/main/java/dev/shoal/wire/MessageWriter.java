package dev.shoal.wire;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes any {@link Message} in its wire form: the one place that knows every line format. */
final class MessageWriter {
  private final OutputStream out;
  private final WireLimits limits;

  MessageWriter(OutputStream out, WireLimits limits) {
    this.out = out;
    this.limits = limits;
  }

  void write(Message message) throws IOException {
    switch (message) {
      case Message.End e -> line("end");
      case ManagerMessage.Check c -> line("check");
      case ManagerMessage.Release r -> line("release");
      case ManagerMessage.Exit x -> line("exit");
      case ManagerMessage.Put p -> {
        line(putLine(p.name(), p.data().length(), p.mode()));
        payload(p.data());
      }
      case ManagerMessage.PutBody p -> {
        line(putLine(p.name(), p.body().length(), p.mode()));
        p.body().copyTo(java.nio.channels.Channels.newChannel(out));
      }
      case ManagerMessage.PutUrl p ->
          line(
              "puturl "
                  + enc(p.url())
                  + " "
                  + enc(p.name())
                  + " "
                  + p.length()
                  + " "
                  + mode(p.mode()));
      case ManagerMessage.PutCmd p ->
          line(
              "putcmd "
                  + enc(p.command())
                  + " "
                  + enc(p.name())
                  + " "
                  + p.length()
                  + " "
                  + mode(p.mode()));
      case ManagerMessage.Dir d -> line("dir " + enc(d.name()));
      case ManagerMessage.Symlink s -> {
        Payload target = Payload.utf8(s.target());
        line("symlink " + enc(s.name()) + " " + target.length());
        payload(target);
      }
      case ManagerMessage.Task t -> task(t.spec());
      case ManagerMessage.SendResults s -> line("send_results " + s.max());
      case ManagerMessage.Get g -> line("get " + enc(g.name()) + " " + (g.recursive() ? 1 : 0));
      case ManagerMessage.Kill k -> line("kill " + k.id());
      case ManagerMessage.KillAll k -> line("kill -1");
      case ManagerMessage.Unlink u -> line("unlink " + enc(u.name()));
      case ManagerMessage.InvalidateFile i -> line("invalidate-file " + enc(i.name()));
      case ManagerMessage.Tlq t -> line("tlq " + t.url());
      case WorkerMessage.Hello h ->
          line(
              "workqueue "
                  + h.protocol()
                  + " "
                  + h.hostname()
                  + " "
                  + h.os()
                  + " "
                  + h.arch()
                  + " "
                  + h.version());
      case WorkerMessage.Info i -> line("info " + i.key() + " " + i.value());
      case WorkerMessage.Feature f -> line("feature " + enc(f.name()));
      case WorkerMessage.Alive a -> line("alive");
      case WorkerMessage.Resource r ->
          line(
              "resource "
                  + r.name()
                  + " "
                  + num(r.total())
                  + " "
                  + num(r.smallest())
                  + " "
                  + num(r.largest()));
      case WorkerMessage.ResourceTag t -> line("resource tag " + t.tag());
      case WorkerMessage.AvailableResults a -> line("available_results");
      case WorkerMessage.Result r -> {
        line(
            "result "
                + r.status().code()
                + " "
                + r.exitCode()
                + " "
                + r.stdout().length()
                + " "
                + r.execMicros()
                + " "
                + r.id());
        payload(r.stdout());
      }
      case WorkerMessage.Update u -> {
        line("update " + u.id() + " " + enc(u.path()) + " " + u.offset() + " " + u.data().length());
        payload(u.data());
      }
      case WorkerMessage.CacheUpdate c ->
          line("cache-update " + enc(c.name()) + " " + c.size() + " " + c.transferMicros());
      case WorkerMessage.CacheInvalid c -> {
        line("cache-invalid " + enc(c.name()) + " " + c.message().length());
        payload(c.message());
      }
      case WorkerMessage.FileData f -> {
        line(fileLine(f.name(), f.data().length(), f.mode()));
        payload(f.data());
      }
      case WorkerMessage.FileBody f -> {
        line(fileLine(f.name(), f.body().length(), f.mode()));
        f.body().copyTo(java.nio.channels.Channels.newChannel(out));
      }
      case WorkerMessage.DirHeader d -> line("dir " + enc(d.name()) + " 0");
      case WorkerMessage.Missing m -> line("missing " + enc(m.name()) + " " + m.errno());
    }
  }

  /**
   * The task block. {@code cmd} and {@code env} bodies are followed by {@code \n}: the real worker
   * (cctools 8.0.0) accepted exactly this in the captured session.
   */
  private void task(TaskSpec t) throws IOException {
    line("task " + t.id());
    terminated("cmd", t.command());
    if (t.coprocess().isPresent()) {
      terminated("coprocess", t.coprocess().get());
    }
    if (t.category().isPresent()) {
      line("category " + enc(t.category().get()));
    }
    if (t.cores().isPresent()) {
      line("cores " + num(t.cores().get()));
    }
    if (t.memoryMb().isPresent()) {
      line("memory " + num(t.memoryMb().get()));
    }
    if (t.diskMb().isPresent()) {
      line("disk " + num(t.diskMb().get()));
    }
    if (t.gpus().isPresent()) {
      line("gpus " + num(t.gpus().get()));
    }
    if (t.wallTimeMicros().isPresent()) {
      line("wall_time " + t.wallTimeMicros().get());
    }
    if (t.endTimeMicros().isPresent()) {
      line("end_time " + t.endTimeMicros().get());
    }
    for (String e : t.environment()) {
      terminated("env", e);
    }
    for (TaskFile f : t.inputs()) {
      line("infile " + f.cacheName() + " " + enc(f.sandboxName()) + " " + f.flags().bits());
    }
    for (TaskFile f : t.outputs()) {
      line("outfile " + f.cacheName() + " " + enc(f.sandboxName()) + " " + f.flags().bits());
    }
    for (String d : t.dirs()) {
      line("dir " + enc(d));
    }
    line("end");
  }

  private void terminated(String verb, String body) throws IOException {
    Payload p = Payload.utf8(body);
    line(verb + " " + p.length());
    payload(p);
    out.write('\n');
  }

  private void line(String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > limits.maxLineBytes() || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "cannot send a line of "
              + bytes.length
              + " bytes (limit "
              + limits.maxLineBytes()
              + ", no newline): "
              + ProtocolException.excerpt(text));
    }
    out.write(bytes);
    out.write('\n');
  }

  static String putLine(String name, long length, int mode) {
    return "put " + enc(name) + " " + length + " " + mode(mode);
  }

  static String fileLine(String name, long length, java.util.Optional<Integer> mode) {
    return "file " + enc(name) + " " + length + mode.map(m -> " " + mode(m)).orElse("");
  }

  /** Writes a protocol line (checked against the limits) without its payload. */
  void header(String text) throws IOException {
    line(text);
  }

  private void payload(Payload p) throws IOException {
    out.write(p.unsafeBytes());
  }

  private static String enc(String name) {
    return UrlNames.encode(name);
  }

  private static String mode(int mode) {
    String octal = Integer.toOctalString(mode);
    return octal.length() >= 4 ? octal : "0000".substring(octal.length()) + octal;
  }

  /** Integral values without a fraction ({@code 2}, not {@code 2.0}), as the worker sends them. */
  static String num(double v) {
    if (v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
