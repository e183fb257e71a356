package minsheng.channel.wechat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The platform's request signature: SHA-1 over the parts sorted and concatenated, in lower-case hex. The same
 * scheme signs the plain-mode query ({@code token, timestamp, nonce}) and the safe-mode envelope (plus
 * {@code Encrypt}).
 */
public final class WechatSignature {
  private WechatSignature() {
  }

  /** Whether {@code signature} is the platform's signature of a plain-mode request; false on any missing part. */
  public static boolean verify(String token, String timestamp, String nonce, String signature) {
    return verifyParts(signature, token, timestamp, nonce);
  }

  /** Lower-case hex SHA-1 of the parts sorted lexicographically and concatenated. */
  public static String sign(String... parts) {
    if (parts == null || parts.length == 0) {
      throw new IllegalArgumentException("nothing to sign");
    }
    String[] sorted = parts.clone();
    for (String part : sorted) {
      if (part == null) {
        throw new IllegalArgumentException("a part to sign is null");
      }
    }
    // The platform sorts byte-wise; for the ASCII tokens, timestamps, nonces and Base64 it sends, UTF-16 order is the same.
    Arrays.sort(sorted);
    MessageDigest sha1 = sha1();
    for (String part : sorted) {
      sha1.update(part.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha1.digest());
  }

  /** Shared by the safe-mode check so that both paths get the same blank handling and constant-time compare. */
  static boolean verifyParts(String signature, String... parts) {
    if (isBlank(signature)) {
      return false;
    }
    for (String part : parts) {
      if (isBlank(part)) {
        return false;
      }
    }
    byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
    // Hex case carries no meaning; normalising first keeps the comparison itself constant-time.
    byte[] given = signature.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-1", e);
    }
  }
}
