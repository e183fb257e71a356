package minsheng.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * The index keys' order without serialising must be exactly the order of their serialised bytes, which is how
 * mongo-java-server's stock backend ordered every index file already written.
 */
class IndexKeyTypeTest {
  final Random random = new Random(20261128);

  @Test
  void stringsOrderAsTheirSerialisedBytes() {
    String alphabet = "aZ09:-_ 武昌区民生保险 𠮷é\u07ff\u0800\uffee";
    sameOrder(() -> {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(12);
      for (int i = 0; i < n; i++) {
        b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
      }
      return b.toString();
    });
  }

  @Test
  void objectIdsAndNumbersOrderAsTheirSerialisedBytes() {
    sameOrder(ObjectId::new);
    sameOrder(() -> {
      byte[] bytes = new byte[12];
      random.nextBytes(bytes);
      return new ObjectId(bytes);
    });
    sameOrder(() -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(100) - 50);
    sameOrder(() -> random.nextBoolean() ? random.nextInt() : random.nextInt(100) - 50);
  }

  @Test
  void keysItCannotOrderAreLeftToTheBytes() {
    assertThat(IndexKeyType.compareOneValueKeys(new KeyValue("a\u0000b"), new KeyValue("a"))).isEqualTo(IndexKeyType.UNKNOWN);
    assertThat(IndexKeyType.compareOneValueKeys(new KeyValue(1L), new KeyValue(1))).isEqualTo(IndexKeyType.UNKNOWN);
    assertThat(IndexKeyType.compareOneValueKeys(new KeyValue("a", "b"), new KeyValue("a", "c"))).isEqualTo(IndexKeyType.UNKNOWN);
    assertThat(IndexKeyType.compareOneValueKeys(new KeyValue("x".repeat(70_000)), new KeyValue("a"))).isEqualTo(IndexKeyType.UNKNOWN);
    // ... and the type still orders them, by their bytes.
    assertThat(IndexKeyType.INSTANCE.compare(new KeyValue("a\u0000b"), new KeyValue("a\u0000c"))).isNegative();
  }

  private void sameOrder(Supplier<Object> values) {
    List<KeyValue> keys = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      keys.add(new KeyValue(values.get()));
    }
    for (int i = 0; i < 4000; i++) {
      KeyValue a = keys.get(random.nextInt(keys.size()));
      KeyValue b = random.nextInt(10) == 0 ? new KeyValue(a.get(0)) : keys.get(random.nextInt(keys.size()));
      int bytes = Integer.signum(ObjectDataType.compareNotNull(ObjectDataType.serialize(a), ObjectDataType.serialize(b)));
      assertThat(Integer.signum(IndexKeyType.compareOneValueKeys(a, b))).as("%s vs %s", a, b).isEqualTo(bytes);
      assertThat(Integer.signum(IndexKeyType.INSTANCE.compare(a, b))).isEqualTo(bytes);
    }
  }
}
