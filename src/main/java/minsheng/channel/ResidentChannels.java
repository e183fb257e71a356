package minsheng.channel;

import io.vertx.core.Future;
import minsheng.channel.wechat.OutboundQueue;
import minsheng.http.HttpProblem;

/**
 * Tells a resident something on the channel they wrote on: a WeChat customer-service message, or a message in
 * the JSON channel's outbox. Every message the service starts (an operator's reply, the console's notices, a
 * claim's news) goes out here.
 */
public final class ResidentChannels {
  /** Who a message is from, as the outbox shows it, and the origin the WeChat queue keeps. */
  public enum From {
    SYSTEM("system", "system"), OPERATOR("operator", "operator"), CLAIM_STATUS("system", "claim-status");

    private final String outbox;
    private final String wechat;

    From(String outbox, String wechat) {
      this.outbox = outbox;
      this.wechat = wechat;
    }
  }

  private final Outbox outbox;
  private final OutboundQueue wechat;

  public ResidentChannels(Outbox outbox, OutboundQueue wechat) {
    this.outbox = outbox;
    this.wechat = wechat;
  }

  /** A message from the system. */
  public Future<Void> tell(String channel, String user, String text) {
    return tell(channel, user, text, From.SYSTEM);
  }

  /** Fails with a 409 {@link HttpProblem} for a channel on which nobody can be written to first. */
  public Future<Void> tell(String channel, String user, String text, From from) {
    return switch (String.valueOf(channel)) {
      case "api" -> outbox.post(user, from.outbox, text).mapEmpty();
      case "wechat" -> wechat.enqueueText(user, text, from.wechat).mapEmpty();
      default -> Future.failedFuture(new HttpProblem(409, "no_channel",
          "residents on the '" + channel + "' channel cannot be answered from the console"));
    };
  }

  /** Whether residents on that channel can be told anything. */
  public static boolean reachable(String channel) {
    return "api".equals(channel) || "wechat".equals(channel);
  }
}
