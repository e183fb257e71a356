package minsheng.channel.wechat;

/**
 * A safe-mode reply envelope: the ciphertext, its signature and the timestamp and nonce that were signed with it.
 *
 * @param encrypt Base64 ciphertext of the reply XML
 * @param msgSignature SHA-1 over token, timestamp, nonce and {@code encrypt}
 * @param timestamp unix seconds, as signed
 * @param nonce as signed
 */
public record EncryptedReply(String encrypt, String msgSignature, String timestamp, String nonce) {
  /** The body to answer the platform with. */
  public String toXml() {
    return "<xml><Encrypt>" + ReplyXml.cdata(encrypt) + "</Encrypt>"
        + "<MsgSignature>" + ReplyXml.cdata(msgSignature) + "</MsgSignature>"
        + "<TimeStamp>" + ReplyXml.escape(timestamp) + "</TimeStamp>"
        + "<Nonce>" + ReplyXml.cdata(nonce) + "</Nonce></xml>";
  }
}
