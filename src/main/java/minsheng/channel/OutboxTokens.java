package minsheng.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import minsheng.store.FieldCipher;

/**
 * The per-resident token that lets a JSON-channel front end read its own resident's outbox when the channel has
 * no keys (loopback mode). It is a keyed hash of the resident's id under the service's field key, so it is the
 * same on every instance and after a restart and needs no storage; it is handed out only in the answers to that
 * resident's own messages ({@code outboxToken}).
 */
public final class OutboxTokens {
  private static final int CHARS = 32;

  private final FieldCipher cipher;

  public OutboxTokens(FieldCipher cipher) {
    this.cipher = cipher;
  }

  public String of(String user) {
    return cipher.lookupHash("outbox-token\n" + user).substring(0, CHARS);
  }

  /** Compared in constant time. */
  public boolean matches(String user, String presented) {
    return presented != null && MessageDigest.isEqual(of(user).getBytes(StandardCharsets.UTF_8),
        presented.strip().getBytes(StandardCharsets.UTF_8));
  }
}
