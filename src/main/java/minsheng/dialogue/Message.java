package minsheng.dialogue;

/** One message from a resident on a channel ("api", "wechat", "console"), identified by the channel's user id. */
public record Message(String channel, String user, String text) {
}
