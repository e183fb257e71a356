package minsheng.console;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import minsheng.console.Accounts.Account;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * Console sessions in the "console_sessions" collection. The session id handed to the browser is 256 random
 * bits; only its SHA-256 is stored, so a copy of the collection does not give anyone a live session.
 * A session ends after an idle timeout or an absolute lifetime, whichever comes first.
 * Nothing is held in memory: a session signed in on one instance works on every other (ClusterTest).
 */
public final class Sessions {
  public static final String COLLECTION = "console_sessions";
  public static final Duration DEFAULT_IDLE = Duration.ofMinutes(30);
  public static final Duration DEFAULT_ABSOLUTE = Duration.ofHours(12);

  /** A live session. The id is the raw value that goes into the cookie (never stored). */
  public record Session(String id, String user, String role, String csrfToken, Instant createdAt,
      Instant lastSeenAt, Instant expiresAt) {
    public Account account() {
      return new Account(user, role);
    }
  }

  private final MongoCollection<Document> sessions;
  private final Clock clock;
  private final Duration idle;
  private final Duration absolute;

  public Sessions(Store store) {
    this(store, Clock.systemUTC(), DEFAULT_IDLE, DEFAULT_ABSOLUTE);
  }

  public Sessions(Store store, Clock clock, Duration idle, Duration absolute) {
    this.sessions = store.collection(COLLECTION);
    this.clock = clock;
    this.idle = idle;
    this.absolute = absolute;
  }

  public Future<Session> create(Account account) {
    String id = token();
    String csrf = token();
    Instant now = clock.instant();
    Instant absoluteEnd = now.plus(absolute);
    Instant expires = min(now.plus(idle), absoluteEnd);
    Document doc = new Document("_id", digest(id))
        .append("user", account.user())
        .append("role", account.role())
        .append("csrfToken", csrf)
        .append("createdAt", Date.from(now))
        .append("lastSeenAt", Date.from(now))
        .append("expiresAt", Date.from(expires))
        .append("absoluteExpiresAt", Date.from(absoluteEnd));
    return Reactive.one(sessions.insertOne(doc))
        .map(r -> new Session(id, account.user(), account.role(), csrf, now, now, expires));
  }

  /** The live session with this id, its idle timer refreshed; empty when unknown or expired. */
  public Future<Optional<Session>> find(String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 128) {
      return Future.succeededFuture(Optional.empty());
    }
    String key = digest(sessionId);
    return Reactive.first(sessions.find(Filters.eq("_id", key)).limit(1)).compose(found -> {
      if (found.isEmpty()) {
        return Future.succeededFuture(Optional.<Session>empty());
      }
      Document d = found.get();
      Instant now = clock.instant();
      Instant expires = d.getDate("expiresAt").toInstant();
      Instant absoluteEnd = d.getDate("absoluteExpiresAt").toInstant();
      if (!now.isBefore(expires) || !now.isBefore(absoluteEnd)) {
        return Reactive.first(sessions.deleteOne(Filters.eq("_id", key))).map(r -> Optional.<Session>empty());
      }
      Instant newExpiry = min(now.plus(idle), absoluteEnd);
      return Reactive.first(sessions.updateOne(Filters.eq("_id", key),
              Updates.combine(Updates.set("lastSeenAt", Date.from(now)),
                  Updates.set("expiresAt", Date.from(newExpiry)))))
          .map(r -> Optional.of(new Session(sessionId, d.getString("user"), d.getString("role"),
              d.getString("csrfToken"), d.getDate("createdAt").toInstant(), now, newExpiry)));
    });
  }

  public Future<Void> delete(String sessionId) {
    if (sessionId == null || sessionId.isEmpty()) {
      return Future.succeededFuture();
    }
    return Reactive.first(sessions.deleteOne(Filters.eq("_id", digest(sessionId)))).mapEmpty();
  }

  /** Ends every session of a user (e.g. after the account is disabled or its password changed). */
  public Future<Long> deleteForUser(String user) {
    return Reactive.one(sessions.deleteMany(Filters.eq("user", user))).map(r -> r.getDeletedCount());
  }

  /** Removes expired sessions; safe to call periodically. */
  public Future<Long> purgeExpired() {
    return Reactive.one(sessions.deleteMany(Filters.lte("expiresAt", Date.from(clock.instant()))))
        .map(r -> r.getDeletedCount());
  }

  static String token() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Accounts.randomBytes(32));
  }

  static String digest(String value) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
