package minsheng;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import minsheng.app.AdminCommand;
import minsheng.app.Minsheng;
import minsheng.config.Config;
import minsheng.config.ConfigException;
import minsheng.kb.Embedder;
import minsheng.tools.Evaluation;
import minsheng.tools.InsurerSimulator;
import minsheng.tools.TerminalChat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar minsheng.jar [serve|chat|eval|insurer-sim|admin]}: runs the service (default), a terminal chat
 * with the assistant, the evaluation of the intent model and the knowledge base, an insurer simulator, or an
 * administrator's task on the store ({@code admin reset-password USER}).
 */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "serve" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    Config config;
    try {
      config = Config.load();
    } catch (ConfigException e) {
      System.err.println("minsheng: " + e.getMessage());
      System.exit(2);
      return;
    }
    switch (command) {
      case "serve" -> serve(config);
      case "chat" -> System.exit(TerminalChat.run(config));
      case "eval" -> System.exit(Evaluation.run(config, rest));
      case "insurer-sim" -> System.exit(InsurerSimulator.run(rest, config.insurerSecret));
      case "admin" -> System.exit(AdminCommand.run(config, rest, AdminCommand.stdinUnlessTerminal(), System.out));
      case "store" -> System.exit(minsheng.cluster.StoreCommand.run(config.dataDir, rest));
      default -> {
        System.err.println("usage: java -jar target/minsheng.jar [serve|chat|eval|insurer-sim --port 9090 [--fail-rate 0.3]"
            + "|admin reset-password USER|store --port 27017]");
        System.exit(2);
      }
    }
  }

  private static void serve(Config config) throws Exception {
    long start = System.nanoTime();
    Minsheng app;
    try {
      app = Minsheng.start(config);
    } catch (Exception e) {
      log.error("start-up failed: {}", e.toString(), e);
      System.exit(1);
      return;
    }
    // SIGTERM (and Ctrl-C): stop intake, drain, exit 0. A watchdog keeps the contract's promise of 10 s.
    Runnable stop = () -> {
      Thread watchdog = new Thread(() -> {
        try {
          TimeUnit.MILLISECONDS.sleep(9_500);
        } catch (InterruptedException ignored) {
          return;
        }
        log.warn("shutdown took too long; exiting now");
        Runtime.getRuntime().halt(0);
      }, "shutdown-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      log.info("stopping: draining requests in flight");
      app.close();
      boolean loaded = true;
      try {
        loaded = Embedder.awaitLoad(7_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      log.info("stopped");
      if (!loaded) {
        // Everything is closed; only the embedding model is still loading, and exiting through the shutdown
        // hooks now would crash ONNX Runtime (see Embedder.awaitLoad).
        Runtime.getRuntime().halt(0);
      }
      System.exit(0);
    };
    Signal.handle(new Signal("TERM"), sig -> new Thread(stop, "shutdown").start());
    Signal.handle(new Signal("INT"), sig -> new Thread(stop, "shutdown").start());
    log.info("Minsheng ready at {} in {} ms ({} store)", app.url(), (System.nanoTime() - start) / 1_000_000,
        app.store().isEmbedded() ? "embedded" : "MongoDB");
  }
}
