package dev.shoal.wq.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shoal.jx.Json;
import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our tables against what cctools' work_queue_status printed for the same manager answers. */
class StatusTableTest {
  private static final Map<StatusKind, String> LETTER =
      Map.of(
          StatusKind.QUEUE, "Q",
          StatusKind.TASKS, "T",
          StatusKind.WORKERS, "W",
          StatusKind.RESOURCES, "R",
          StatusKind.ABLE_WORKERS, "A");

  static String resource(String name) throws IOException {
    try (InputStream in = StatusTableTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<JxObject> captured(StatusKind kind) throws IOException {
    return StatusQuery.parse(resource(kind.request() + ".json"), kind.request());
  }

  /** cctools' table for {@code kind} of the captured manager. */
  static String render(StatusKind kind) throws IOException {
    return resource("work_queue_status-" + LETTER.get(kind) + ".txt");
  }

  @ParameterizedTest
  @EnumSource(StatusKind.class)
  void render_capturedAnswer_matchesCctoolsOutput(StatusKind kind) throws IOException {
    String expected = resource("work_queue_status-" + LETTER.get(kind) + ".txt");
    assertEquals(expected, StatusTable.render(kind, captured(kind)));
  }

  @Test
  void render_longAndMissingValues_cutAsCctools() throws Exception {
    // Observed with cctools' work_queue_status -C against its own catalog.
    JxObject r =
        (JxObject)
            Json.parse(
                "{\"project\":\"a-project-name-longer-than-eighteen\",\"name\":\"localhost\","
                    + "\"port\":41234,\"tasks_waiting\":1234567,\"tasks_running\":22,"
                    + "\"tasks_complete\":123456789,\"workers\":12345678}",
                "t");
    assertEquals(
        "PROJECT            HOST                   PORT WAITING RUNNING COMPLETE WORKERS \n"
            + "a-project-name-lon localhost             41234 1234567      22 23456789 2345678 \n",
        StatusTable.render(StatusKind.QUEUE, List.of(r)));
    assertEquals(
        "MANAGER                      CORES  INUSE  MEM(GB)    INUSE  DISK(GB)     INUSE \n"
            + "a-project-name-longer-than-    ???    ???      ???      ???       ???       ??? \n",
        StatusTable.render(StatusKind.RESOURCES, List.of(r)));
  }

  @Test
  void ofRequest_knownAndUnknownLines() {
    assertEquals(StatusKind.TASKS, StatusKind.ofRequest("task_status").orElseThrow());
    assertEquals(true, StatusKind.ofRequest("workqueue 9 host linux x86_64 8.0.0").isEmpty());
  }
}
