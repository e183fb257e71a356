package minsheng.console;

import static minsheng.console.InboxTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import minsheng.app.Minsheng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator who closes the console does not keep the residents waiting for them; one taken over stays. */
class InboxOfflineTest {
  @TempDir
  static Path data;
  static Minsheng app;
  static ConsoleClient a;
  static ConsoleClient b;

  @BeforeAll
  static void start() throws Exception {
    app = ConsoleClient.startService(data, Map.of("MINSHENG_CONSOLE_OFFLINE_GRACE_MS", "300"));
    ConsoleClient admin = ConsoleClient.admin(app);
    a = admin.newOperator("a-zhao");
    b = admin.newOperator("b-sun");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void waitingResidentsGoToSomeoneElseWhenTheirOperatorLeaves() throws Exception {
    String kept;
    String waiting;
    try (EventStream aEvents = a.events()) {
      kept = InboxAssignmentTest.handOver(app, "off-1");
      waiting = InboxAssignmentTest.handOver(app, "off-2");
      eventually("both assigned to a-zhao", () -> "a-zhao".equals(assignee(waiting)) && "a-zhao".equals(assignee(kept)));
      a.json("POST", "/console/api/conversations/" + kept + "/takeover", null);
      try (EventStream bEvents = b.events()) {
        aEvents.close();
        eventually("the waiting resident goes to b-sun", () -> "b-sun".equals(assignee(waiting)));
        assertThat(assignee(kept)).as("taken over: stays with the operator until handed back").isEqualTo("a-zhao");
      }
    }
  }

  static String assignee(String id) {
    try {
      return b.json("GET", "/console/api/conversations/" + id, null).getJsonObject("conversation").getString("assignedTo");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
