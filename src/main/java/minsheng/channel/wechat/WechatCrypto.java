package minsheng.channel.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Safe mode ("安全模式") of the official-account message protocol: AES-256-CBC with the IV taken from the key,
 * PKCS#7 padding to 32-byte blocks (not the cipher's 16, hence no JCE padding), and a plaintext of 16 random
 * bytes, the 4-byte big-endian XML length, the XML and the AppID.
 *
 * <p>CBC without a MAC is malleable, so callers must check {@link #verifyMsgSignature} before {@link #decrypt}:
 * the signature covers the ciphertext and needs the token, which an attacker does not have. Instances are
 * immutable and thread-safe.
 */
public final class WechatCrypto {
  private static final int BLOCK = 32;
  private static final int RANDOM_PREFIX = 16;
  private static final int HEADER = RANDOM_PREFIX + 4;
  private static final char[] NONCE_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String token;
  private final SecretKeySpec key;
  private final IvParameterSpec iv;
  private final byte[] appId;

  /**
   * @param token the token configured on the platform
   * @param encodingAesKey the 43-character EncodingAESKey
   * @param appId the official account's AppID; null or blank only to decrypt without checking the recipient
   *     (encrypting then fails, since the platform requires it)
   */
  public WechatCrypto(String token, String encodingAesKey, String appId) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required");
    }
    if (encodingAesKey == null || encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("EncodingAESKey must be 43 characters");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(encodingAesKey + "=");
    } catch (IllegalArgumentException e) {
      // Do not echo the key into logs through the decoder's message.
      throw new IllegalArgumentException("EncodingAESKey is not Base64");
    }
    if (raw.length != 32) {
      throw new IllegalArgumentException("EncodingAESKey must decode to 32 bytes");
    }
    this.token = token;
    this.key = new SecretKeySpec(raw, "AES");
    this.iv = new IvParameterSpec(raw, 0, 16);
    this.appId = appId == null || appId.isBlank() ? null : appId.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code msgSignature} is the platform's signature of this envelope; false on any missing part. */
  public boolean verifyMsgSignature(String timestamp, String nonce, String encrypt, String msgSignature) {
    return WechatSignature.verifyParts(msgSignature, token, timestamp, nonce, encrypt);
  }

  /**
   * The message XML inside a safe-mode {@code Encrypt} value.
   *
   * @throws WechatProtocolException when the value is not Base64, does not decrypt to the expected layout, or
   *     was addressed to another AppID
   */
  public String decrypt(String encryptBase64) {
    if (encryptBase64 == null) {
      throw new WechatProtocolException("missing ciphertext");
    }
    byte[] cipherText;
    try {
      // Whitespace is the only leniency: XML formatters may wrap the element text.
      cipherText = Base64.getDecoder().decode(encryptBase64.replaceAll("\\s+", ""));
    } catch (IllegalArgumentException e) {
      throw new WechatProtocolException("ciphertext is not Base64");
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new WechatProtocolException("ciphertext length is not a whole number of AES blocks");
    }
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, iv);
      plain = cipher.doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new WechatProtocolException("ciphertext does not decrypt", e);
    }
    int end = plain.length - padding(plain);
    if (end < HEADER) {
      throw new WechatProtocolException("decrypted message is too short");
    }
    int xmlLength = ByteBuffer.wrap(plain, RANDOM_PREFIX, 4).getInt();
    if (xmlLength <= 0 || xmlLength > end - HEADER) {
      throw new WechatProtocolException("decrypted message length is out of range");
    }
    int xmlEnd = HEADER + xmlLength;
    if (appId != null && !MessageDigest.isEqual(appId, Arrays.copyOfRange(plain, xmlEnd, end))) {
      throw new WechatProtocolException("message is addressed to another AppID");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain, HEADER, xmlLength))
          .toString();
    } catch (CharacterCodingException e) {
      throw new WechatProtocolException("decrypted message is not UTF-8");
    }
  }

  /**
   * Encrypts and signs a passive reply.
   *
   * @param replyXml the reply, e.g. from {@link ReplyXml#text}
   * @param timestamp unix seconds to sign with
   * @param nonce the nonce to sign with, e.g. {@link #nonce()}
   */
  public EncryptedReply encrypt(String replyXml, String timestamp, String nonce) {
    if (appId == null) {
      throw new IllegalStateException("an AppID is required to encrypt");
    }
    if (replyXml == null || timestamp == null || timestamp.isBlank() || nonce == null || nonce.isBlank()) {
      throw new IllegalArgumentException("reply, timestamp and nonce are required");
    }
    byte[] xml = replyXml.getBytes(StandardCharsets.UTF_8);
    int unpadded = HEADER + xml.length + appId.length;
    int pad = BLOCK - unpadded % BLOCK;
    byte[] plain = new byte[unpadded + pad];
    byte[] prefix = new byte[RANDOM_PREFIX];
    RANDOM.nextBytes(prefix);
    ByteBuffer.wrap(plain).put(prefix).putInt(xml.length).put(xml).put(appId);
    Arrays.fill(plain, unpadded, plain.length, (byte) pad);
    String encrypt;
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, iv);
      encrypt = Base64.getEncoder().encodeToString(cipher.doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC is unavailable", e);
    }
    return new EncryptedReply(encrypt, WechatSignature.sign(token, timestamp, nonce, encrypt), timestamp, nonce);
  }

  /** A 16-character alphanumeric nonce from a secure random source, as the platform's own nonces look. */
  public static String nonce() {
    char[] nonce = new char[16];
    for (int i = 0; i < nonce.length; i++) {
      nonce[i] = NONCE_ALPHABET[RANDOM.nextInt(NONCE_ALPHABET.length)];
    }
    return new String(nonce);
  }

  /** The PKCS#7 pad length, checked byte by byte so that garbage is not mistaken for a short pad. */
  private static int padding(byte[] plain) {
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || pad > plain.length) {
      throw new WechatProtocolException("bad padding");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new WechatProtocolException("bad padding");
      }
    }
    return pad;
  }
}
