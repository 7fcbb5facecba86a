package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.jx.JxObject;
import dev.shoal.jx.JxValue;
import dev.shoal.wq.catalog.CatalogClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CatalogCommandTest {
  @TempDir Path tmp;

  @Test
  void help_asCatalogServer_listsCctoolsOptions() {
    StringWriter out = new StringWriter();
    int code =
        Main.execute(
            "catalog_server",
            new String[] {"--help"},
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true));
    assertEquals(0, code);
    String help = out.toString();
    assertTrue(help.startsWith("Usage: catalog_server"), help);
    for (String opt : List.of("-p, --port", "-l, --lifetime", "-h, --help", "-Z, --port-file")) {
      assertTrue(help.contains(opt), opt + " in\n" + help);
    }
  }

  @Test
  void run_badLifetime_isUsageError() {
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            "shoal",
            new String[] {"catalog", "-l", "0"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertEquals(2, code, err.toString());
  }

  @Test
  void run_portZero_servesUntilStopped() throws Exception {
    CatalogCommand cmd = new CatalogCommand();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(cmd).setErr(new PrintWriter(err, true));
    Path portFile = tmp.resolve("port");
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> cl.execute("-p", "0", "-I", "127.0.0.1", "-l", "60", "-Z", portFile.toString()));
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(portFile) && System.nanoTime() < deadline && !exit.isDone()) {
        Thread.sleep(20); // the port file is the server's only sign that it listens
      }
      int port = Integer.parseInt(Files.readString(portFile).strip());
      CatalogClient client =
          CatalogClient.fromEnvironment(
              Map.of("CATALOG_HOST", "127.0.0.1", "CATALOG_PORT", Integer.toString(port)));
      client.update(
          new JxObject(
              Map.of(
                  "type", JxValue.of("wq_master"),
                  "name", JxValue.of("m"),
                  "port", JxValue.of(1))));
      List<JxObject> records = client.query("type==\"wq_master\"");
      assertEquals(1, records.size());
      assertEquals(JxValue.of("127.0.0.1"), records.get(0).get("address"));
      assertTrue(err.toString().contains("listening on port " + port), err.toString());
    } finally {
      cmd.stop.countDown();
    }
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }
}
