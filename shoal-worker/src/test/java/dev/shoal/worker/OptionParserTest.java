package dev.shoal.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.worker.WorkerOptions.HostPort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptionParserTest {
  private static WorkerOptions parse(Map<String, String> env, String... args) throws Exception {
    return assertInstanceOf(OptionParser.Parsed.Run.class, new OptionParser(env).parse(args))
        .options();
  }

  private static WorkerOptions parse(String... args) throws Exception {
    return parse(Map.of(), args);
  }

  private static String error(String... args) {
    return assertThrows(
            OptionParser.UsageException.class, () -> new OptionParser(Map.of()).parse(args))
        .getMessage();
  }

  @Test
  void parse_hostAndPort_defaults() throws Exception {
    WorkerOptions o = parse("example.org", "9123");
    assertEquals(Optional.of(new HostPort("example.org", 9123)), o.manager());
    assertEquals(Duration.ofSeconds(900), o.idleTimeout());
    assertEquals(Duration.ofSeconds(1), o.minBackoff());
    assertEquals(Duration.ofSeconds(60), o.maxBackoff());
    assertEquals(11, o.protocol());
    assertEquals(Path.of("/tmp"), o.workdir());
    assertTrue(o.cores().isEmpty() && o.memoryMb().isEmpty() && o.diskMb().isEmpty());
  }

  @Test
  void parse_relativeWorkdir_isMadeAbsoluteAndNormal() throws Exception {
    WorkerOptions o = parse("-s", ".", "h:1234");
    assertEquals(Path.of("").toAbsolutePath(), o.workdir());
  }

  @Test
  void parse_everyForm_givesTypedValues() throws Exception {
    WorkerOptions o =
        parse(
            "--cores=2",
            "--memory",
            "512",
            "--disk=100",
            "--gpus",
            "1",
            "-t60",
            "-P",
            "pw",
            "-s",
            "/scratch",
            "--wall-time=2h",
            "-i",
            "2",
            "-b",
            "30s",
            "--feature",
            "big mem",
            "--protocol=9",
            "--single-shot",
            "h:1234");
    assertEquals(2.0, o.cores().getAsDouble());
    assertEquals(512.0, o.memoryMb().getAsDouble());
    assertEquals(100.0, o.diskMb().getAsDouble());
    assertEquals(1.0, o.gpus().getAsDouble());
    assertEquals(Duration.ofSeconds(60), o.idleTimeout());
    assertEquals(Optional.of(Path.of("pw")), o.passwordFile());
    assertEquals(Path.of("/scratch"), o.workdir());
    assertEquals(Optional.of(Duration.ofHours(2)), o.wallTime());
    assertEquals(Duration.ofSeconds(2), o.minBackoff());
    assertEquals(Duration.ofSeconds(30), o.maxBackoff());
    assertEquals(List.of("big mem"), o.features());
    assertEquals(9, o.protocol());
    assertTrue(o.singleShot());
    assertEquals(Optional.of(new HostPort("h", 1234)), o.manager());
  }

  @Test
  void parse_projects_useCatalogFromEnvironment() throws Exception {
    WorkerOptions o =
        parse(
            Map.of("CATALOG_HOST", "cat1,cat2:9000", "CATALOG_PORT", "9999", "TMPDIR", "/t"),
            "-M",
            "proj.*",
            "-M",
            "other");
    assertTrue(o.manager().isEmpty());
    assertEquals(2, o.projects().size());
    assertTrue(o.projects().get(0).matcher("project-x").matches());
    assertEquals(List.of(new HostPort("cat1", 9999), new HostPort("cat2", 9000)), o.catalogs());
    assertEquals(Path.of("/t"), o.workdir());
  }

  @Test
  void parse_catalogOption_winsOverEnvironment() throws Exception {
    WorkerOptions o = parse(Map.of("CATALOG_HOST", "ignored"), "-C", "localhost:1234", "-M", "p");
    assertEquals(List.of(new HostPort("localhost", 1234)), o.catalogs());
  }

  @Test
  void parse_zeroCores_meansDetect() throws Exception {
    assertTrue(parse("--cores=0", "h", "1").cores().isEmpty());
  }

  @Test
  void parse_helpAndVersion() throws Exception {
    assertInstanceOf(
        OptionParser.Parsed.Help.class, new OptionParser(Map.of()).parse(new String[] {"--help"}));
    assertInstanceOf(
        OptionParser.Parsed.Version.class, new OptionParser(Map.of()).parse(new String[] {"-v"}));
  }

  @Test
  void parse_badInput_saysWhatIsWrong() {
    assertTrue(error().contains("name the manager"));
    assertTrue(error("h", "1", "-M", "p").contains("not both"));
    assertTrue(error("h", "port").contains("not a port number"));
    assertTrue(error("--cores=-1", "h", "1").contains("non-negative"));
    assertTrue(error("--protocol=10", "h", "1").contains("use 11"));
    assertTrue(error("-t", "soon", "h", "1").contains("not a duration"));
    assertTrue(error("--frobnicate", "h", "1").contains("unknown option --frobnicate"));
    assertTrue(error("--single-shot=yes", "h", "1").contains("takes no value"));
    assertTrue(error("h", "1", "--cores").contains("needs a value"));
    assertTrue(error("-M", "(", "x").contains("regular expression"));
    assertTrue(error("-i", "10", "-b", "5", "h", "1").contains("more than --max-backoff"));
  }

  @Test
  void main_help_printsUsage_andBadUsageExits2() {
    var out = new java.io.ByteArrayOutputStream();
    var err = new java.io.ByteArrayOutputStream();
    assertEquals(
        0,
        WorkerMain.run(
            new String[] {"--help"},
            Map.of(),
            new java.io.PrintStream(out),
            new java.io.PrintStream(err)));
    assertTrue(out.toString().contains("-M, --manager-name=REGEX"));
    assertEquals(
        2,
        WorkerMain.run(
            new String[] {"--nope"},
            Map.of(),
            new java.io.PrintStream(out),
            new java.io.PrintStream(err)));
    assertTrue(err.toString().contains("work_queue_worker: unknown option --nope"));
  }
}
