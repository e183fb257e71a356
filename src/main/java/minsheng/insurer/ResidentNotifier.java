package minsheng.insurer;

import io.vertx.core.Future;

/** Tells a resident something on the channel their claim came from (WeChat message, JSON-channel outbox). */
public interface ResidentNotifier {
  Future<Void> tell(String channel, String user, String text);

  /** The insurer needs more: the resident's next messages and photos go to that claim. */
  default Future<Void> reopenForMore(String channel, String user, String claimNo) {
    return Future.succeededFuture();
  }
}
