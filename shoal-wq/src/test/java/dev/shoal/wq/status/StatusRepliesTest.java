package dev.shoal.wq.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.jx.JxArray;
import dev.shoal.jx.JxObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusRepliesTest {
  @Test
  void reply_capturedSnapshot_rendersAsCctools() throws IOException {
    JxObject queue = StatusTableTest.captured(StatusKind.QUEUE).get(0);
    StatusReplies.Snapshot s =
        new StatusReplies.Snapshot(
            queue,
            StatusTableTest.captured(StatusKind.TASKS),
            StatusTableTest.captured(StatusKind.WORKERS),
            StatusTableTest.captured(StatusKind.ABLE_WORKERS));
    for (StatusKind k : StatusKind.values()) {
      // What cctools' work_queue_status would print from our answer: the captured table.
      String table = StatusTable.render(k, StatusQuery.parse(StatusReplies.reply(k, s), "reply"));
      assertEquals(StatusTableTest.render(k), table, k.toString());
    }
  }

  @Test
  void reply_queueWithoutCategories_getsThem() throws IOException {
    List<JxObject> cats = StatusTableTest.captured(StatusKind.ABLE_WORKERS);
    StatusReplies.Snapshot s =
        new StatusReplies.Snapshot(JxObject.EMPTY, List.of(), List.of(), cats);
    JxObject q = StatusQuery.parse(StatusReplies.reply(StatusKind.QUEUE, s), "r").get(0);
    assertEquals(2, ((JxArray) q.get("categories")).items().size());
  }

  @Test
  void parse_hostileAnswers_areErrorsNotCrashes() {
    assertThrows(IOException.class, () -> StatusQuery.parse("", "m"));
    assertThrows(IOException.class, () -> StatusQuery.parse("workqueue 9 x", "m"));
    assertThrows(IOException.class, () -> StatusQuery.parse("{\"a\":1}", "m"));
    assertThrows(IOException.class, () -> StatusQuery.parse("[{\"a\":", "m"));
  }
}
