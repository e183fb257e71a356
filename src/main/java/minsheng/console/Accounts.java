package minsheng.console;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * Console operator accounts in the "operators" collection. Passwords are hashed with PBKDF2-HMAC-SHA256 (on a
 * worker thread, never on the event loop); failures from {@value #MAX_FAILURES} different client addresses in a
 * row lock the account for a while (one address's failures are slowed by {@link SignInThrottle} instead, so a
 * single attacker cannot lock a named account out for everyone).
 */
public final class Accounts {
  public static final String COLLECTION = "operators";
  public static final String ROLE_OPERATOR = "operator";
  public static final String ROLE_ADMIN = "admin";
  public static final Set<String> ROLES = Set.of(ROLE_OPERATOR, ROLE_ADMIN);
  public static final int DEFAULT_ITERATIONS = 210_000;
  public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(15);
  /** Consecutive failures from this many different client addresses lock the account. */
  public static final int MAX_FAILURES = 5;
  private static final String FAILED_FROM = "failedFrom";
  public static final int MIN_PASSWORD_LENGTH = 10;
  public static final int MAX_PASSWORD_LENGTH = 256;
  private static final Pattern USER = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A signed-in identity: the username and its role. */
  public record Account(String user, String role) {
    public boolean isAdmin() {
      return ROLE_ADMIN.equals(role);
    }
  }

  public enum Outcome { OK, WRONG, LOCKED }

  /** The result of a sign-in attempt; the account is present only when the outcome is OK. */
  public record AuthResult(Outcome outcome, Optional<Account> account) {
    static AuthResult ok(Account a) {
      return new AuthResult(Outcome.OK, Optional.of(a));
    }

    static final AuthResult WRONG = new AuthResult(Outcome.WRONG, Optional.empty());
    static final AuthResult LOCKED = new AuthResult(Outcome.LOCKED, Optional.empty());
  }

  /** A refused account change; code is a stable machine-readable reason. */
  public static final class AccountException extends RuntimeException {
    private final String code;

    public AccountException(String code, String message) {
      super(message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private final Vertx vertx;
  private final MongoCollection<Document> operators;
  private final int iterations;
  private final Duration lockout;
  private final Clock clock;
  /** Hashed for unknown users, so that "no such user" costs as much time as "wrong password". */
  private final byte[] dummySalt = randomBytes(SALT_BYTES);

  public Accounts(Vertx vertx, Store store) {
    this(vertx, store, DEFAULT_ITERATIONS, DEFAULT_LOCKOUT, Clock.systemUTC());
  }

  public Accounts(Vertx vertx, Store store, int iterations, Duration lockout, Clock clock) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be positive");
    }
    this.vertx = vertx;
    this.operators = store.collection(COLLECTION);
    this.iterations = iterations;
    this.lockout = lockout;
    this.clock = clock;
  }

  /**
   * Creates the administrator at first start, when no admin exists yet. Without a password a strong random
   * one is generated and returned (the only time it is ever available in clear: the caller logs it once).
   * Returns empty when nothing was generated (an admin already exists, or the password was given).
   */
  public Future<Optional<String>> ensureAdmin(String user, Optional<String> password) {
    return Reactive.first(operators.find(Filters.eq("role", ROLE_ADMIN)).limit(1)).compose(existing -> {
      if (existing.isPresent()) {
        return Future.succeededFuture(Optional.<String>empty());
      }
      String secret = password.filter(p -> !p.isEmpty()).orElseGet(Accounts::generatePassword);
      boolean generated = password.filter(p -> !p.isEmpty()).isEmpty();
      return create(user, secret, ROLE_ADMIN)
          .map(a -> generated ? Optional.of(secret) : Optional.<String>empty())
          .recover(e -> e instanceof AccountException ae && "exists".equals(ae.code())
              // Another instance may have won the race; that is fine if an admin now exists.
              ? Reactive.first(operators.find(Filters.eq("role", ROLE_ADMIN)).limit(1)).compose(again ->
                  again.isPresent() ? Future.succeededFuture(Optional.<String>empty())
                      : Future.failedFuture(new AccountException("exists",
                          "cannot create admin '" + user + "': an operator with that name exists")))
              : Future.failedFuture(e));
    });
  }

  /** Creates an account; fails with an {@link AccountException} for a bad name, role, weak password or duplicate. */
  public Future<Account> create(String user, String password, String role) {
    try {
      checkUser(user);
      checkPassword(password);
      if (role == null || !ROLES.contains(role)) {
        throw new AccountException("invalid_role", "role must be 'operator' or 'admin'");
      }
    } catch (AccountException e) {
      return Future.failedFuture(e);
    }
    byte[] salt = randomBytes(SALT_BYTES);
    int rounds = iterations;
    return vertx.executeBlocking(() -> hash(password, salt, rounds), false).compose(hash -> {
      Document doc = new Document("_id", user)
          .append("role", role)
          .append("hash", Base64.getEncoder().encodeToString(hash))
          .append("salt", Base64.getEncoder().encodeToString(salt))
          .append("iterations", rounds)
          .append("failedAttempts", 0)
          .append("lockedUntil", null)
          .append("createdAt", Date.from(clock.instant()))
          .append("disabled", false);
      return Reactive.one(operators.insertOne(doc)).map(r -> new Account(user, role));
    }).recover(e -> Future.failedFuture(isDuplicate(e)
        ? new AccountException("exists", "an operator named '" + user + "' already exists") : e));
  }

  /**
   * Checks a sign-in from client address {@code from}. An unknown user and a wrong password give the same
   * answer; a locked account answers LOCKED without looking at the password. Failures are counted with
   * single-document atomic updates, with the addresses they came from; when consecutive failures have come from
   * MAX_FAILURES different addresses, the account is locked for the lockout duration; a success resets both.
   */
  public Future<AuthResult> authenticate(String user, String password, String from) {
    if (user == null || password == null || password.length() > MAX_PASSWORD_LENGTH) {
      return Future.succeededFuture(AuthResult.WRONG);
    }
    return Reactive.first(operators.find(Filters.eq("_id", user)).limit(1)).compose(found -> {
      if (found.isEmpty()) {
        byte[] salt = dummySalt;
        int rounds = iterations;
        return vertx.executeBlocking(() -> hash(password, salt, rounds), false).map(h -> AuthResult.WRONG);
      }
      Document doc = found.get();
      Instant now = clock.instant();
      Date lockedUntil = doc.getDate("lockedUntil");
      if (lockedUntil != null && lockedUntil.toInstant().isAfter(now)) {
        return Future.succeededFuture(AuthResult.LOCKED);
      }
      byte[] salt = Base64.getDecoder().decode(doc.getString("salt"));
      byte[] expected = Base64.getDecoder().decode(doc.getString("hash"));
      int rounds = ((Number) doc.get("iterations")).intValue();
      return vertx.executeBlocking(() -> MessageDigest.isEqual(hash(password, salt, rounds), expected), false)
          .compose(matches -> {
            if (matches && !doc.getBoolean("disabled", false)) {
              return Reactive.one(operators.updateOne(Filters.eq("_id", user),
                      Updates.combine(Updates.set("failedAttempts", 0), Updates.set(FAILED_FROM, List.of()),
                          Updates.set("lockedUntil", null))))
                  .map(r -> AuthResult.ok(new Account(user, doc.getString("role"))));
            }
            return recordFailure(user, from);
          });
    });
  }

  private Future<AuthResult> recordFailure(String user, String from) {
    return Reactive.first(operators.findOneAndUpdate(Filters.eq("_id", user),
            Updates.combine(Updates.inc("failedAttempts", 1), Updates.addToSet(FAILED_FROM, from)),
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                .projection(Projections.include(FAILED_FROM))))
        .compose(after -> {
          int addresses = after.map(d -> d.getList(FAILED_FROM, String.class, List.of()).size()).orElse(0);
          if (addresses < MAX_FAILURES) {
            return Future.succeededFuture(AuthResult.WRONG);
          }
          Date until = Date.from(clock.instant().plus(lockout));
          return Reactive.one(operators.updateOne(
                  Filters.and(Filters.eq("_id", user), Filters.size(FAILED_FROM, addresses)),
                  Updates.combine(Updates.set("lockedUntil", until), Updates.set("failedAttempts", 0),
                      Updates.set(FAILED_FROM, List.of()))))
              .map(r -> AuthResult.WRONG);
        });
  }

  /**
   * Sets a new password for an existing account and lifts any lock; fails with an {@link AccountException}
   * ("unknown_user", or the password checks of {@link #create}).
   */
  public Future<Void> resetPassword(String user, String password) {
    try {
      checkPassword(password);
    } catch (AccountException e) {
      return Future.failedFuture(e);
    }
    byte[] salt = randomBytes(SALT_BYTES);
    int rounds = iterations;
    return vertx.executeBlocking(() -> hash(password, salt, rounds), false).compose(hash ->
        Reactive.one(operators.updateOne(Filters.eq("_id", user), Updates.combine(
            Updates.set("hash", Base64.getEncoder().encodeToString(hash)),
            Updates.set("salt", Base64.getEncoder().encodeToString(salt)),
            Updates.set("iterations", rounds),
            Updates.set("failedAttempts", 0), Updates.set(FAILED_FROM, List.of()), Updates.set("lockedUntil", null)))))
        .compose(r -> r.getMatchedCount() == 1 ? Future.<Void>succeededFuture()
            : Future.failedFuture(new AccountException("unknown_user", "there is no account named '" + user + "'")));
  }

  /** Whether any administrator account exists. */
  public Future<Boolean> adminExists() {
    return Reactive.first(operators.find(Filters.eq("role", ROLE_ADMIN)).limit(1)).map(Optional::isPresent);
  }

  /** Whether an enabled account of that name exists (an operator to assign work to). */
  public Future<Boolean> exists(String user) {
    return Reactive.first(operators.find(Filters.and(Filters.eq("_id", user), Filters.ne("disabled", true))).limit(1))
        .map(Optional::isPresent);
  }

  /** Every account, without secrets: {user, role, createdAt, disabled, locked}. */
  public Future<List<JsonObject>> list() {
    Instant now = clock.instant();
    return Reactive.all(operators.find()
            .projection(Projections.include("role", "createdAt", "disabled", "lockedUntil"))
            .sort(Sorts.ascending("_id")))
        .map(docs -> docs.stream().map(d -> {
          Date created = d.getDate("createdAt");
          Date lockedUntil = d.getDate("lockedUntil");
          return new JsonObject()
              .put("user", d.getString("_id"))
              .put("role", d.getString("role"))
              .put("createdAt", created == null ? null : created.toInstant().toString())
              .put("disabled", d.getBoolean("disabled", false))
              .put("locked", lockedUntil != null && lockedUntil.toInstant().isAfter(now));
        }).toList());
  }

  static void checkUser(String user) {
    if (user == null || !USER.matcher(user).matches()) {
      throw new AccountException("invalid_user",
          "user must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
    }
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new AccountException("weak_password",
          "the password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw new AccountException("weak_password",
          "the password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
    }
    if (password.chars().distinct().count() < 4) {
      throw new AccountException("weak_password", "the password must not repeat so few distinct characters");
    }
  }

  static byte[] hash(String password, byte[] salt, int iterations) throws Exception {
    char[] chars = password.toCharArray();
    PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } finally {
      spec.clearPassword();
      Arrays.fill(chars, '\0');
    }
  }

  public static String generatePassword() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(18));
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static boolean isDuplicate(Throwable e) {
    return e instanceof MongoWriteException w && w.getError().getCode() == 11000;
  }
}
