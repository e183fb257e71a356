package minsheng.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Personal data at rest (ID numbers, phone numbers): AES-256-GCM with a fresh 96-bit IV per value, and a keyed
 * hash (HMAC-SHA256 under a key derived from the same secret) stored beside it, so a record can be found by
 * its phone number without the store ever holding the number in clear. The key comes from configuration; the
 * embedded default generates one into a file readable only by its owner.
 */
public final class FieldCipher {
  private static final Logger log = LoggerFactory.getLogger(FieldCipher.class);
  private static final String PREFIX = "v1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecretKeySpec lookupKey;
  private final SecureRandom random = new SecureRandom();

  public FieldCipher(byte[] secret) {
    if (secret.length != 32) {
      throw new IllegalArgumentException("the field key must be 32 bytes (base64 of 32 random bytes)");
    }
    this.key = new SecretKeySpec(secret, "AES");
    this.lookupKey = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"), "minsheng-lookup-key"), "HmacSHA256");
  }

  /** The configured key (base64), or the key file in the data directory, created with mode 0600 if missing. */
  public static FieldCipher open(Optional<String> base64Key, Path dataDir) {
    if (base64Key.isPresent()) {
      return new FieldCipher(Base64.getDecoder().decode(base64Key.get().strip()));
    }
    Path file = dataDir.resolve("field.key");
    try {
      if (!Files.exists(file)) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(dataDir);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
        Files.writeString(file, Base64.getEncoder().encodeToString(secret), StandardOpenOption.TRUNCATE_EXISTING);
        log.info("personal-data key generated in {} (mode 0600); back it up with the data", file.toAbsolutePath());
      }
      return new FieldCipher(Base64.getDecoder().decode(Files.readString(file).strip()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the personal-data key " + file, e);
    }
  }

  public String encrypt(String plain) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return PREFIX + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The clear value; fails if the value was tampered with or sealed under another key. */
  public String decrypt(String sealed) {
    if (sealed == null || !sealed.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a sealed value");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException("sealed value cannot be opened", e);
    }
  }

  /** A stable keyed hash of a value, for finding records by it. */
  public String lookupHash(String plain) {
    return HexFormat.of().formatHex(hmac(lookupKey, plain));
  }

  private static byte[] hmac(SecretKeySpec k, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(k);
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
