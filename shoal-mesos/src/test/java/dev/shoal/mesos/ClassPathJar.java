package dev.shoal.mesos;

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
 * A jar of the files of some packages, taken from this JVM's class path (directories and jars; the
 * first entry of a name wins, as for the class loader): what the tests serve to fake agents,
 * without needing the package phase to have run. Building it from exactly those packages proves the
 * program needs nothing else.
 */
public final class ClassPathJar {
  private ClassPathJar() {}

  /**
   * Builds {@code fileName} in a new temporary directory (both removed when the JVM exits) from
   * every file under {@code packages} (directory prefixes such as {@code dev/shoal/jx/}).
   */
  public static Path build(String fileName, List<String> packages) {
    try {
      Path dir = Files.createTempDirectory("shoal-jar-");
      dir.toFile().deleteOnExit();
      Path jar = dir.resolve(fileName);
      write(jar, packages);
      jar.toFile().deleteOnExit();
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The java command of this JVM, for the agents to run the jar with. */
  public static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void write(Path target, List<String> packages) throws IOException {
    Set<String> added = new HashSet<>();
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
      for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (Files.isDirectory(p)) {
          try (Stream<Path> files = Files.walk(p)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
              String name = p.relativize(f).toString().replace('\\', '/');
              if (wanted(packages, name) && added.add(name)) {
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
              if (!e.isDirectory() && wanted(packages, e.getName()) && added.add(e.getName())) {
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

  private static boolean wanted(List<String> packages, String name) {
    return packages.stream().anyMatch(name::startsWith);
  }

  private static void put(JarOutputStream out, String name, InputStream in) throws IOException {
    out.putNextEntry(new JarEntry(name));
    in.transferTo((OutputStream) out);
    out.closeEntry();
  }
}
