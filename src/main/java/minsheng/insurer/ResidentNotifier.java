package minsheng.insurer;

import io.vertx.core.Future;

/** Tells a resident something on the channel their claim came from (WeChat message, JSON-channel outbox). */
public interface ResidentNotifier {
  Future<Void> tell(String channel, String user, String text);
}
