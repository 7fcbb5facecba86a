package dev.shoal.mesos.factory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds, once per test JVM, the worker jar the factory serves: the worker and its only
 * dependencies (shoal-wire, shoal-monitor, shoal-jx), taken from this JVM's class path — what the
 * shaded {@code shoal-worker.jar} holds, without needing the package phase to have run.
 */
public final class WorkerJar {
  private static final List<String> PACKAGES =
      List.of("dev/shoal/worker/", "dev/shoal/wire/", "dev/shoal/monitor/", "dev/shoal/jx/");
  private static Path jar;

  private WorkerJar() {}

  public static synchronized Path get() {
    if (jar == null) {
      try {
        Path dir = Files.createTempDirectory("shoal-worker-");
        dir.toFile().deleteOnExit();
        jar = dir.resolve("shoal-worker.jar");
        build(jar);
        jar.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jar;
  }

  /** The java command of this JVM, for the agents to run workers with. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void build(Path target) throws IOException {
    Set<String> added = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
              String name = p.relativize(f).toString().replace('\\', '/');
              if (wanted(name) && added.add(name)) {
                try (InputStream in = Files.newInputStream(f)) {
                  put(out, name, in);
                }
              }
            }
          }
        } else if (entry.endsWith(".jar") && Files.exists(p)) {
          try (JarFile jf = new JarFile(p.toFile())) {
            for (Enumeration<JarEntry> es = jf.entries(); es.hasMoreElements(); ) {
              JarEntry e = es.nextElement();
              if (!e.isDirectory() && wanted(e.getName()) && added.add(e.getName())) {
                try (InputStream in = jf.getInputStream(e)) {
                  put(out, e.getName(), in);
                }
              }
            }
          }
        }
      }
    }
  }

  private static boolean wanted(String name) {
    return PACKAGES.stream().anyMatch(name::startsWith);
  }

  private static void put(JarOutputStream out, String name, InputStream in) throws IOException {
    out.putNextEntry(new JarEntry(name));
    in.transferTo((OutputStream) out);
    out.closeEntry();
  }
}
