package dev.shoal.mesos.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds, once per test JVM, the jar an agent fetches: the launcher's package and its only
 * dependencies (shoal-monitor, shoal-jx), taken from this JVM's class path. Building it from the
 * classes proves the launcher needs nothing else.
 */
public final class LauncherJar {
  private static final List<String> PACKAGES =
      List.of("dev/shoal/worker/launch/", "dev/shoal/monitor/", "dev/shoal/jx/");
  private static Path jar;

  private LauncherJar() {}

  public static synchronized Path get() {
    if (jar == null) {
      try {
        Path dir = Files.createTempDirectory("shoal-launcher-");
        dir.toFile().deleteOnExit();
        jar = dir.resolve("shoal-launcher.jar");
        build(jar);
        jar.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jar;
  }

  /** The java command of this JVM, for the agents to run the launcher with. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void build(Path target) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
              String name = p.relativize(f).toString().replace('\\', '/');
              if (wanted(name)) {
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
              if (!e.isDirectory() && wanted(e.getName())) {
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
    return name.endsWith(".class") && PACKAGES.stream().anyMatch(name::startsWith);
  }

  private static final java.util.Set<String> added = new java.util.HashSet<>();

  private static void put(JarOutputStream out, String name, InputStream in) throws IOException {
    if (!added.add(name)) {
      return; // the first class path entry wins, as for the class loader
    }
    out.putNextEntry(new JarEntry(name));
    in.transferTo((OutputStream) out);
    out.closeEntry();
  }
}
