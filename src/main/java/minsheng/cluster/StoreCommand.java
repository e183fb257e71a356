package minsheng.cluster;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import minsheng.store.embedded.EmbeddedMongo;
import minsheng.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar minsheng.jar store --port P}: the embedded MongoDB-compatible store as a process of its own,
 * on loopback port P with its data under {@code MINSHENG_DATA_DIR}, so that several service instances on one
 * machine share it through {@code MINSHENG_MONGO_URI=mongodb://127.0.0.1:P}. SIGTERM closes the file and exits 0.
 * It stands in for a MongoDB replica set on a workstation or in tests; it is one process, not a replicated store.
 */
public final class StoreCommand {
  private static final Logger log = LoggerFactory.getLogger(StoreCommand.class);
  static final String USAGE = "usage: java -jar target/minsheng.jar store --port <1-65535>";

  private StoreCommand() {
  }

  /** Runs until SIGTERM or SIGINT; returns the exit status (2 for bad arguments). */
  public static int run(Path dataDir, String[] args) throws InterruptedException {
    int port = port(args);
    if (port < 0) {
      System.err.println(USAGE);
      return 2;
    }
    EmbeddedMongo store;
    try {
      store = Store.startEmbedded(dataDir, port);
    } catch (RuntimeException e) {
      log.error("store could not start on port {}: {}", port, e.toString());
      return 1;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Signal.handle(new Signal("TERM"), sig -> stop.countDown());
    Signal.handle(new Signal("INT"), sig -> stop.countDown());
    log.info("Minsheng store ready at {}", store.connectionString());
    stop.await();
    log.info("store: closing");
    // Closing commits H2's last writes to the file: what the instances were told is stored, is.
    store.close();
    log.info("stopped");
    return 0;
  }

  /** The value of {@code --port}, or -1 when it is missing or not a port. */
  static int port(String[] args) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--port")) {
        try {
          int p = Integer.parseInt(args[i + 1]);
          return p >= 1 && p <= 65535 ? p : -1;
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }
}
