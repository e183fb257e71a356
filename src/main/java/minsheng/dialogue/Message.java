package minsheng.dialogue;

import org.bson.types.ObjectId;

/**
 * One message from a resident on a channel ("api", "wechat", "terminal"), identified by the channel's user id.
 * {@code turnId}, when the channel gives one, is the id its turn is recorded under, so that the channel can find
 * the answer again (a WeChat retry); null lets the store choose.
 */
public record Message(String channel, String user, String text, ObjectId turnId) {
  public Message(String channel, String user, String text) {
    this(channel, user, text, null);
  }
}
