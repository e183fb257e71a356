package minsheng.console;

import static minsheng.console.InboxTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import minsheng.app.Minsheng;
import minsheng.TestConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Handed-over conversations go round-robin to the operators who are online (an open event stream), at most
 * console.maxConversationsPerOperator (2 here) each; the rest wait until someone has room or comes online.
 */
class InboxAssignmentTest {

  @TempDir
  static Path data;
  static Minsheng app;
  static ConsoleClient a;
  static ConsoleClient b;

  @BeforeAll
  static void start() throws Exception {
    app = Minsheng.start(TestConfigs.service(data, Map.of("MINSHENG_ADMIN_PASSWORD", ConsoleClient.PASSWORD,
        "MINSHENG_CONSOLE_MAX_CONVERSATIONS_PER_OPERATOR", "2")));
    ConsoleClient admin = ConsoleClient.admin(app);
    a = admin.newOperator("a-li");
    b = admin.newOperator("b-wang");
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  static String handOver(String user) throws Exception {
    return handOver(app, user);
  }

  /** A resident of that service asks for a person; returns their conversation's id. */
  static String handOver(Minsheng app, String user) throws Exception {
    JsonObject reply = ConsoleClient.residentSays(app, user, "转人工");
    assertThat(reply.getBoolean("handoff")).isTrue();
    return reply.getString("conversationId");
  }

  static String assignee(String id) throws Exception {
    return a.json("GET", "/console/api/conversations/" + id, null).getJsonObject("conversation").getString("assignedTo");
  }

  static String awaitAssignee(String id) throws Exception {
    eventually("conversation " + id + " is assigned", () -> {
      try {
        return assignee(id) != null;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    return assignee(id);
  }

  @Test
  void roundRobinAmongOnlineOperatorsUpToTheLimit() throws Exception {
    String early = handOver("rr-early");
    Thread.sleep(300);
    assertThat(assignee(early)).as("nobody is online yet").isNull();

    try (EventStream aEvents = a.events()) {
      assertThat(awaitAssignee(early)).as("an operator coming online picks up what waits").isEqualTo("a-li");
      try (EventStream bEvents = b.events()) {
        List<String> order = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          String id = handOver("rr-" + i);
          ids.add(id);
          order.add(awaitAssignee(id));
        }
        // a-li already had one: b-wang, a-li, b-wang, and both are now full.
        assertThat(order).containsExactly("b-wang", "a-li", "b-wang");
        String overflow = handOver("rr-overflow");
        Thread.sleep(500);
        assertThat(assignee(overflow)).as("everyone is at the limit").isNull();
        JsonObject waiting = a.json("GET", "/console/api/conversations?view=waiting", null);
        assertThat(waiting.getJsonArray("conversations").stream().map(o -> ((JsonObject) o).getString("id")))
            .contains(overflow);

        // Handing one back frees a place, and the waiting conversation fills it.
        a.json("POST", "/console/api/conversations/" + early + "/handback", null);
        assertThat(awaitAssignee(overflow)).isEqualTo("a-li");
        assertThat(bEvents.next(e -> e.getString("id").equals(overflow) && "a-li".equals(e.getString("assignedTo")),
            InboxTest.LIVE)).isNotNull();
      }
    }
  }
}
