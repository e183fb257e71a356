package minsheng.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FieldCipherTest {
  @TempDir
  Path data;

  @Test
  void sealsAndOpensWithAFreshIvEachTime() {
    FieldCipher c = FieldCipher.open(Optional.empty(), data);
    String a = c.encrypt("420106199001011234");
    String b = c.encrypt("420106199001011234");
    assertThat(a).isNotEqualTo(b).doesNotContain("420106");
    assertThat(c.decrypt(a)).isEqualTo("420106199001011234");
    assertThat(c.lookupHash("13812345678")).isEqualTo(c.lookupHash("13812345678"))
        .isNotEqualTo(c.lookupHash("13812345679"))
        // A keyed hash in hex: the whole number never shows; a short run of digits may, by chance.
        .matches("[0-9a-f]{64}").doesNotContain("13812345678");
  }

  @Test
  void theGeneratedKeyFileIsOwnerOnlyAndReusedAcrossRestarts() throws Exception {
    String sealed = FieldCipher.open(Optional.empty(), data).encrypt("13812345678");
    Path key = data.resolve("field.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(FieldCipher.open(Optional.empty(), data).decrypt(sealed)).isEqualTo("13812345678");
  }

  @Test
  void tamperedOrForeignValuesDoNotOpen() {
    FieldCipher c = FieldCipher.open(Optional.empty(), data);
    String sealed = c.encrypt("13812345678");
    char last = sealed.charAt(sealed.length() - 2);
    String tampered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);
    assertThatThrownBy(() -> c.decrypt(tampered)).isInstanceOf(IllegalArgumentException.class);
    FieldCipher other = new FieldCipher(new byte[32]);
    assertThatThrownBy(() -> other.decrypt(sealed)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.decrypt("13812345678")).isInstanceOf(IllegalArgumentException.class);
  }
}
