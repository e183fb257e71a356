package minsheng.app;

import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import minsheng.config.Config;
import minsheng.console.Accounts;
import minsheng.console.Accounts.AccountException;
import minsheng.console.Sessions;
import minsheng.store.AuditLog;
import minsheng.store.Store;
import org.bson.Document;

/**
 * {@code java -jar minsheng.jar admin reset-password USER}: sets a console account's password on the service's
 * own store (the new password is the first line of standard input, or a generated one printed once), lifts its
 * lock, ends its sessions and writes an audit entry. The embedded store has one owner at a time, so with the
 * embedded store the service must be stopped first; with a MongoDB deployment it may keep running.
 */
public final class AdminCommand {
  static final String USAGE = "usage: java -jar target/minsheng.jar admin reset-password USER  "
      + "(new password on standard input, or none to generate one)";
  private static final int TIMEOUT_S = 30;

  private AdminCommand() {
  }

  /** Standard input, unless it is an interactive terminal (then nothing: a password is generated). */
  public static Reader stdinUnlessTerminal() {
    return System.console() != null ? new StringReader("")
        : new InputStreamReader(System.in, StandardCharsets.UTF_8);
  }

  public static int run(Config config, String[] args, Reader input, PrintStream out) {
    if (args.length != 2 || !args[0].equals("reset-password")) {
      out.println(USAGE);
      return 2;
    }
    String user = args[1];
    String given;
    try {
      given = new BufferedReader(input).readLine();
    } catch (java.io.IOException e) {
      given = null;
    }
    boolean generated = given == null || given.isEmpty();
    String password = generated ? Accounts.generatePassword() : given;

    Store store;
    try {
      store = Store.open(config.mongoUri, config.dataDir, config.mongoDatabase);
      store.ping().await(TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      out.println("minsheng admin: cannot open the store: " + rootMessage(e));
      if (isLocked(e)) {
        out.println("The embedded store in " + config.dataDir.toAbsolutePath() + " is in use by another process "
            + "(a running Minsheng service or chat): it has one owner at a time. Stop the service, run this "
            + "command, then start the service again.");
      }
      return 1;
    }
    Vertx vertx = Vertx.vertx();
    try {
      new Accounts(vertx, store).resetPassword(user, password).await(TIMEOUT_S, TimeUnit.SECONDS);
      new Sessions(store).deleteForUser(user).await(TIMEOUT_S, TimeUnit.SECONDS);
      new AuditLog(store).record("cli:" + System.getProperty("user.name", "unknown"), "operator.password.reset",
          "local", new Document("user", user).append("generated", generated)).await(TIMEOUT_S, TimeUnit.SECONDS);
      out.println(generated
          ? "New password for '" + user + "': " + password + "   (shown once; signed-in sessions ended)"
          : "Password of '" + user + "' changed (signed-in sessions ended).");
      return 0;
    } catch (AccountException e) {
      out.println("minsheng admin: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      out.println("minsheng admin: " + rootMessage(e));
      return 1;
    } finally {
      vertx.close();
      store.close();
    }
  }

  private static boolean isLocked(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("locked")) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
