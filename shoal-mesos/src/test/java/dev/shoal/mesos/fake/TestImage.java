package dev.shoal.mesos.fake;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Docker image built for a test from this machine's own files, since nothing can be pulled: a
 * root file system with {@code /bin/sh}, {@code cat}, {@code wc}, {@code sleep}, the shared
 * libraries {@code ldd} names for them and for the JDK's {@code bin/java} and {@code libjvm.so}
 * (the JDK itself is mounted at run time, as agents do), and a marker file {@value #MARKER} with
 * content unique to this image and found nowhere else, so a command proves it ran inside by reading
 * it. Imported under a unique tag with {@code docker import}; {@link #close} removes it.
 *
 * <p>Docker is the daemon {@code DOCKER_HOST} names (the default socket otherwise).
 */
public final class TestImage implements AutoCloseable {
  /** The file present only in the image. */
  public static final String MARKER = "/shoal-image-marker";

  private static final List<String> TOOLS = List.of("/bin/sh", "/bin/cat", "/bin/wc", "/bin/sleep");

  private final String tag;
  private final String marker;

  private TestImage(String tag, String marker) {
    this.tag = tag;
    this.marker = marker;
  }

  /**
   * Skips the calling test (a JUnit assumption) when docker cannot run containers here, unless
   * {@code SHOAL_REQUIRE_DOCKER=1}: then it fails.
   */
  public static void assumeDocker() {
    String why = dockerProblem();
    if (why != null && "1".equals(System.getenv("SHOAL_REQUIRE_DOCKER"))) {
      fail("SHOAL_REQUIRE_DOCKER=1 but docker is not usable: " + why);
    }
    assumeTrue(why == null, () -> "docker is not usable (" + why + "): container tests skipped");
  }

  private static String dockerProblem() {
    try {
      Run r = run(List.of("docker", "info", "--format", "{{.ServerVersion}}"), 30);
      return r.exit == 0 ? null : "docker info: " + r.output.strip().replace('\n', ' ');
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** Builds and imports the image in {@code work} (a scratch directory), for {@code javaHome}. */
  public static TestImage build(Path work, String javaHome) throws IOException {
    Path root = work.resolve("rootfs");
    for (String dir : List.of("bin", "tmp", "etc", "proc", "dev", "sys", "mnt/mesos/sandbox")) {
      Files.createDirectories(root.resolve(dir));
    }
    Set<String> libs = new LinkedHashSet<>();
    for (String tool : TOOLS) {
      copy(Path.of(tool), root.resolve(tool.substring(1)));
      libs.addAll(libraries(tool));
    }
    libs.addAll(libraries(javaHome + "/bin/java"));
    libs.addAll(libraries(javaHome + "/lib/server/libjvm.so"));
    for (String lib : libs) {
      if (!lib.startsWith(javaHome + "/")) {
        copy(Path.of(lib), root.resolve(lib.substring(1)));
      }
    }
    String marker = "shoal test image " + UUID.randomUUID() + "\n";
    Files.writeString(root.resolve(MARKER.substring(1)), marker);
    Path tar = work.resolve("rootfs.tar");
    String tag = "shoal-test-" + UUID.randomUUID().toString().substring(0, 12) + ":1";
    check(run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."), 120), "tar");
    check(run(List.of("docker", "import", tar.toString(), tag), 120), "docker import");
    Files.delete(tar);
    return new TestImage(tag, marker);
  }

  /** The image's name, e.g. {@code shoal-test-0123456789ab:1}. */
  public String tag() {
    return tag;
  }

  /** The content of {@link #MARKER} in this image. */
  public String marker() {
    return marker;
  }

  /** Removes the image (and any container of it left over). */
  @Override
  public void close() throws IOException {
    check(run(List.of("docker", "rmi", "-f", tag), 60), "docker rmi");
  }

  /** Whether a container of any image is left (each test must leave none). */
  public static List<String> containers() throws IOException {
    Run r = run(List.of("docker", "ps", "-a", "--filter", "name=shoal-fake-", "-q"), 30);
    check(r, "docker ps");
    return r.output.isBlank() ? List.of() : List.of(r.output.strip().split("\\s+"));
  }

  /** The absolute paths {@code ldd} names for {@code file}: libraries and the loader. */
  private static List<String> libraries(String file) throws IOException {
    Run r = run(List.of("ldd", file), 30);
    check(r, "ldd " + file);
    List<String> out = new ArrayList<>();
    for (String line : r.output.split("\n")) {
      for (String word : line.strip().split("\\s+")) {
        if (word.startsWith("/")) {
          out.add(word);
        }
      }
    }
    return out;
  }

  /** Copies the content of {@code from} (following links) to {@code to}, keeping its mode. */
  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(
        from.toRealPath(),
        to,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
  }

  private record Run(int exit, String output) {}

  private static Run run(List<String> argv, int timeoutSeconds) throws IOException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Run(-1, String.join(" ", argv) + " did not end in " + timeoutSeconds + " s");
      }
      return new Run(p.exitValue(), out);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + argv, e);
    }
  }

  private static void check(Run r, String what) throws IOException {
    if (r.exit != 0) {
      throw new IOException(what + " failed (" + r.exit + "): " + r.output.strip());
    }
  }
}
