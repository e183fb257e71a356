package minsheng.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded store's unique indexes ({@code _id} and the others). H2's generic type orders
 * keys it does not know, such as mongo-java-server's {@link KeyValue}, by their Java-serialised bytes and
 * serialises both sides afresh on every comparison: a binary search through an index page built a dozen object
 * streams, and that was about half of the store's CPU time. This type orders keys by exactly the same bytes
 * (so existing data files stay valid and in order) but serialises each key once and remembers the bytes.
 */
final class IndexKeyType extends ObjectDataType {
  static final IndexKeyType INSTANCE = new IndexKeyType();
  /** ObjectDataType.TYPE_SERIALIZED_OBJECT, which H2 does not make public. */
  private static final byte SERIALIZED_OBJECT = 19;

  /** Weak keys: a search key is forgotten after its look-up, a stored key when its page leaves memory. */
  private final Map<KeyValue, byte[]> serialized = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public int compare(Object a, Object b) {
    if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
      return a == b ? 0 : ObjectDataType.compareNotNull(bytes(ka), bytes(kb));
    }
    return super.compare(a, b);
  }

  /** H2's own format for a serialised object (type 19, length, bytes), from the remembered bytes. */
  @Override
  public void write(WriteBuffer buffer, Object obj) {
    if (obj instanceof KeyValue key) {
      byte[] bytes = bytes(key);
      buffer.put(SERIALIZED_OBJECT).putVarInt(bytes.length).put(bytes);
      return;
    }
    super.write(buffer, obj);
  }

  private byte[] bytes(KeyValue key) {
    byte[] known = serialized.get(key);
    if (known == null) {
      known = ObjectDataType.serialize(key);
      serialized.put(key, known);
    }
    return known;
  }
}
