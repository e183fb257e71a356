package minsheng.channel.wechat;

/**
 * A message or event the platform pushed, field for field as it sends them. Fields a message type does not carry
 * are null; numbers other than {@code createTime} stay text, as the platform sends them, so that nothing is lost
 * to a parse the caller did not need. A safe-mode envelope carries only {@code toUserName} and {@code encrypt}.
 *
 * @param createTime unix seconds; 0 when absent (the safe-mode envelope)
 * @param msgType lower-cased: text, image, voice, video, shortvideo, location, link, event
 * @param msgId the platform's message id; null for events
 * @param recognition speech-to-text of a voice message, when the account enabled it
 * @param locationX latitude of a location message ({@code Location_X})
 * @param locationY longitude of a location message ({@code Location_Y})
 * @param event lower-cased: subscribe, unsubscribe, click, view, location, …
 * @param latitude latitude of a LOCATION event
 * @param longitude longitude of a LOCATION event
 * @param encrypt the ciphertext of a safe-mode envelope
 */
public record InboundMessage(
    String toUserName,
    String fromUserName,
    long createTime,
    String msgType,
    String msgId,
    String content,
    String recognition,
    String mediaId,
    String format,
    String picUrl,
    String thumbMediaId,
    String locationX,
    String locationY,
    String scale,
    String label,
    String title,
    String description,
    String url,
    String event,
    String eventKey,
    String latitude,
    String longitude,
    String precision,
    String encrypt) {

  public boolean isEvent() {
    return "event".equals(msgType);
  }

  /**
   * What identifies a retry of this message: the platform resends an unanswered push with the same MsgId, and
   * events, which have none, with the same sender and creation time.
   */
  public String dedupKey() {
    if (msgId != null && !msgId.isEmpty()) {
      return msgId;
    }
    return fromUserName + ":" + createTime;
  }
}
