package dev.shoal.cli;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxString;
import dev.shoal.wq.catalog.CatalogClient;
import dev.shoal.wq.catalog.CatalogServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shoal's own Work Queue pieces as real processes for end-to-end tests: the manager ({@code shoal
 * run -T wq}), Shoal's worker, the factory, and Shoal's catalog (in-process, real sockets). Every
 * process started is killed with its tree by {@link #close}.
 */
final class ShoalStack implements AutoCloseable {
  private final Path dir;
  private final List<Process> started = new ArrayList<>();
  private final List<CatalogServer> catalogs = new ArrayList<>();
  private int workers;

  ShoalStack(Path dir) {
    this.dir = dir;
  }

  /**
   * Shoal's catalog on 127.0.0.1: HTTP on a free port P and TCP updates on P+1, where managers send
   * them ({@code -C 127.0.0.1:P}).
   */
  CatalogServer catalog() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 20; attempt++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      if (port >= 65535) {
        continue;
      }
      try {
        CatalogServer c =
            CatalogServer.start(
                CatalogServer.Config.defaults()
                    .withPort(port)
                    .withUpdatePort(port + 1)
                    .withBindAddress(InetAddress.getLoopbackAddress()));
        catalogs.add(c);
        return c;
      } catch (IOException e) {
        last = e; // another program took one of the two ports meanwhile: try another pair
      }
    }
    throw new IOException("no free pair of ports for the catalog", last);
  }

  /** {@code shoal run -X flow -T wq ARGS --no-progress}; its standard error goes to {@code err}. */
  Process manager(Path flow, Path err, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("-T", "wq"));
    all.addAll(List.of(args));
    all.add("--no-progress");
    Process p = Processes.startShoal(flow, err, all.toArray(String[]::new));
    started.add(p);
    new Processes.Lines(p.getInputStream()); // drained, so the manager never blocks on it
    return p;
  }

  /**
   * Shoal's worker with {@code args} and a work directory of its own, {@code DIR/<name>-N}; its log
   * in {@code DIR/<name>-N.log}.
   */
  Process worker(String name, String... args) throws IOException {
    Path workdir = dir.resolve(name + "-" + ++workers);
    Files.createDirectories(workdir);
    List<String> cmd = new ArrayList<>(javaCommand());
    cmd.addAll(List.of("-s", workdir.toString(), "-t", "60", "-i", "1", "-b", "1"));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + "-" + workers + ".log").toFile())
            .start();
    started.add(p);
    return p;
  }

  /** An executable {@code work_queue_worker} script running Shoal's worker, for the factory. */
  Path workerScript() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path script = bin.resolve("work_queue_worker");
    StringBuilder sb = new StringBuilder("#!/bin/sh\nexec");
    for (String s : javaCommand()) {
      sb.append(" '").append(s.replace("'", "'\\''")).append('\'');
    }
    Files.writeString(script, sb.append(" \"$@\"\n").toString());
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  /** {@code shoal factory ARGS}, output in {@code DIR/factory.err}. */
  Process factory(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"));
    cmd.add(System.getProperty("java.class.path"));
    cmd.addAll(List.of("-Dshoal.tool=shoal", "dev.shoal.cli.Main", "factory"));
    cmd.addAll(List.of(args));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("factory.err").toFile())
            .start();
    started.add(p);
    return p;
  }

  /** Shoal's workers among {@code root}'s descendants that are still running. */
  static List<ProcessHandle> workersUnder(ProcessHandle root) {
    // Children only: a worker's JVM forks before it execs a shell, and for that moment the fork
    // shows the worker's command line.
    return root.children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(TOOL)).orElse(false))
        .filter(p -> Processes.running(p.pid()))
        .toList();
  }

  /** The {@code wq_master} record of {@code project} in {@code catalog}, if listed. */
  static Optional<JxObject> record(CatalogServer catalog, String project) throws IOException {
    for (JxObject r :
        CatalogClient.of("127.0.0.1:" + catalog.port()).query("type==\"wq_master\"")) {
      if (r.get("project") instanceof JxString(String p) && p.equals(project)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Runs a Shoal tool in this JVM; fails the test on a non-zero exit. */
  static String shoal(String tool, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(tool, args, new PrintWriter(out, true), new PrintWriter(err, true));
    if (code != 0) {
      throw new AssertionError(tool + " " + List.of(args) + " exited " + code + ": " + err);
    }
    return out.toString();
  }

  private static final String TOOL = "-Dshoal.tool=work_queue_worker";

  private static List<String> javaCommand() {
    return List.of(
        ProcessHandle.current().info().command().orElseThrow(),
        "-XX:+UseSerialGC",
        "-XX:TieredStopAtLevel=1",
        "-cp",
        System.getProperty("java.class.path"),
        TOOL,
        "dev.shoal.cli.Main");
  }

  @Override
  public void close() {
    for (Process p : started.reversed()) {
      Processes.killTree(p.toHandle());
    }
    for (CatalogServer c : catalogs) {
      c.close();
    }
  }
}
