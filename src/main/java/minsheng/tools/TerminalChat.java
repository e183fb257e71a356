package minsheng.tools;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import minsheng.app.Minsheng;
import minsheng.config.Config;
import minsheng.dialogue.Message;
import minsheng.dialogue.Reply;

/**
 * {@code java -jar minsheng.jar chat}: talk to the assistant in a terminal and see, under each answer, the
 * intent, the confidence and the source article. It runs the same assistant as the service, on the same store.
 */
public final class TerminalChat {
  private TerminalChat() {
  }

  /** The channel of the terminal's messages and claims (an extension of the contract's wechat|console|api). */
  static final String CHANNEL = "terminal";

  public static int run(Config config) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Minsheng app;
    try {
      app = Minsheng.assemble(config);
    } catch (Exception e) {
      out.println("cannot start the assistant: " + e.getMessage());
      out.println("(if a Minsheng server is running on " + config.dataDir + ", stop it or set MINSHENG_DATA_DIR)");
      return 1;
    }
    try (app) {
      converse(app, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out,
          System.getProperty("user.name", "user"));
    }
    return 0;
  }

  /**
   * Talks until end of input or "quit". {@code user} is the person at the terminal (the OS account): their
   * claims are filed on the terminal channel, by "terminal:" + user.
   */
  public static void converse(Minsheng app, BufferedReader in, PrintStream out, String user) throws Exception {
    out.println("民生小助手 — type a question (Chinese), 'quit' to leave.");
    for (String line; (line = prompt(out, in)) != null; ) {
      if (line.isBlank()) {
        continue;
      }
      if (line.strip().equals("quit") || line.strip().equals("exit")) {
        break;
      }
      Reply reply = app.assistant().respond(new Message(CHANNEL, user, line)).await(30, TimeUnit.SECONDS);
      reply.texts().forEach(t -> out.println("助手> " + t.replace("\n", "\n      ")));
      out.println("      " + describe(reply));
    }
  }

  private static String prompt(PrintStream out, BufferedReader in) throws java.io.IOException {
    out.print("你> ");
    out.flush();
    return in.readLine();
  }

  static String describe(Reply reply) {
    StringBuilder sb = new StringBuilder("[");
    sb.append(reply.handoff() ? "handoff to a person" : "intent " + reply.intent());
    sb.append(String.format(" · confidence %.2f", reply.confidence()));
    reply.sources().forEach(s -> sb.append(" · source ").append(s.id()).append(" 《").append(s.title()).append("》"));
    return sb.append("]").toString();
  }
}
