package minsheng.channel.wechat;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import org.bson.Document;

/**
 * The {@code (timestamp, nonce)} pair of a signed {@code /wechat} push, with the SHA-256 of the body it came with.
 * In plaintext mode the signature covers only token, timestamp and nonce, so without a record of used pairs anyone
 * who saw one signed URL could send any body as any resident for as long as the timestamp is accepted.
 *
 * <p>A pair may come again only with the byte-identical body. The platform's documentation says only that it
 * "drops the connection and sends the request again" (断掉连接,并且重新发起请求) up to three times, and that a
 * retry carries the same message (same MsgId, or FromUserName + CreateTime for events); it does not say whether
 * the retry gets a new timestamp and nonce, and SDKs (Senparc) describe retries as identical requests. A second
 * use with the same body therefore passes and is answered once and the same way by {@link SeenMessages} (replaying
 * an identical body gains nothing); a second use with any other body is a forgery and is refused.
 *
 * <p>{@link SeenMessages} records the pair in the same bulk write as the message's claim, so the defence costs
 * one more document in a write the message makes anyway, not a round trip of its own before it.
 *
 * @param timestamp the request's timestamp, already checked to be a number inside the window
 */
record SignedPair(String timestamp, String nonce, String bodyDigest) {
  /** Beyond the window itself: a pair is kept a little longer than it could be accepted, never shorter. */
  private static final long MARGIN_SECONDS = 60;
  /** Pair records share the collection with message claims; message ids are digits or "openid:time". */
  private static final String ID_PREFIX = "pair:";

  static SignedPair of(String timestamp, String nonce, byte[] body) {
    return new SignedPair(timestamp, nonce, sha256(body));
  }

  String id() {
    return ID_PREFIX + timestamp + ":" + nonce;
  }

  /** The record of this pair's use, forgotten once its timestamp is outside a window of {@code windowSeconds}. */
  Document document(long windowSeconds) {
    long expires = (Long.parseLong(timestamp) + windowSeconds + MARGIN_SECONDS) * 1000;
    return new Document("_id", id()).append("body", bodyDigest).append("expireAt", new Date(expires));
  }

  /** Whether a stored record of this pair was made by this same body (a retry) rather than another (a forgery). */
  boolean sameBodyAs(Document stored) {
    return bodyDigest.equals(stored.getString("body"));
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
