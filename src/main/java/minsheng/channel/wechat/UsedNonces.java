package minsheng.channel.wechat;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import minsheng.store.GroupedCollection;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * The {@code (timestamp, nonce)} pairs of signed {@code /wechat} pushes, each with the SHA-256 of the body it came
 * with, kept for as long as the timestamp is inside the accepted window. In plaintext mode the signature covers
 * only token, timestamp and nonce, so without this anyone who saw one signed URL could send any body as any
 * resident for five minutes.
 *
 * <p>A pair may come again only with the byte-identical body. The platform's documentation says only that it
 * "drops the connection and sends the request again" (断掉连接,并且重新发起请求) up to three times, and that a
 * retry carries the same message (same MsgId, or FromUserName + CreateTime for events); it does not say whether
 * the retry gets a new timestamp and nonce, and SDKs (Senparc) describe retries as identical requests. A second
 * use with the same body therefore passes and reaches {@link SeenMessages}, which answers it once and the same way
 * (replaying an identical body gains nothing); a second use with any other body is a forgery and is refused.
 *
 * <p>In the store, so it holds across instances and restarts: the pair is the {@code _id} (unique), and an
 * {@code expireAt} TTL index forgets it once its timestamp is outside the window (the service also sweeps, for
 * the embedded store, which has no TTL monitor). The insert goes with the message path's other writes, grouped.
 */
public final class UsedNonces {
  /** Beyond the window itself: a pair is kept a little longer than it could be accepted, never shorter. */
  private static final long MARGIN_SECONDS = 60;

  private final MongoCollection<Document> used;
  private final GroupedCollection grouped;
  private final long windowSeconds;

  public UsedNonces(Store store, long windowSeconds) {
    this.used = store.collection("wechat_nonces");
    this.grouped = new GroupedCollection(used);
    this.windowSeconds = windowSeconds;
  }

  public Future<Void> createIndexes() {
    return Reactive.first(used.createIndex(Indexes.ascending("expireAt"),
        new IndexOptions().expireAfter(0L, TimeUnit.SECONDS))).mapEmpty();
  }

  /** Forgets pairs whose timestamps are outside the window (see the class comment). */
  public Future<Long> sweep() {
    return Reactive.one(used.deleteMany(Filters.lt("expireAt", new Date()))).map(r -> r.getDeletedCount());
  }

  /**
   * Records the pair with this body; true when it is the pair's first use or a repeat of the same body, false when
   * the pair was used with another body. {@code timestamp} has passed the window check, so it is a number.
   */
  public Future<Boolean> admit(String timestamp, String nonce, byte[] body) {
    String id = timestamp + ":" + nonce;
    String digest = sha256(body);
    long expires = (Long.parseLong(timestamp) + windowSeconds + MARGIN_SECONDS) * 1000;
    Document doc = new Document("_id", id).append("body", digest).append("expireAt", new Date(expires));
    return grouped.insert(doc).map(v -> true).recover(e -> {
      if (e instanceof MongoWriteException w && w.getCode() == 11000) {
        return grouped.byId(id).map(found -> found.map(d -> digest.equals(d.getString("body"))).orElse(false));
      }
      return Future.failedFuture(e);
    });
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
