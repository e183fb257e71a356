package minsheng.store.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
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
      if (a == b) {
        return 0;
      }
      int known = compareOneValueKeys(ka, kb);
      return known != UNKNOWN ? known : ObjectDataType.compareNotNull(bytes(ka), bytes(kb));
    }
    return super.compare(a, b);
  }

  static final int UNKNOWN = Integer.MIN_VALUE;

  /**
   * The order of two keys' serialised bytes, without serialising, when each key holds one value of the same
   * type: a key's serialised form is the same up to that value (the key is a KeyValue around an ArrayList), so
   * the order is the value's serialised order. A string is written as its modified-UTF-8 length in two bytes,
   * then its modified UTF-8, whose byte order is the order of its UTF-16 units (for strings without NUL); an
   * ObjectId as its twelve bytes; a Long or an Integer big-endian, compared as unsigned bytes. UNKNOWN for
   * anything else.
   */
  static int compareOneValueKeys(KeyValue a, KeyValue b) {
    if (a.size() != 1 || b.size() != 1) {
      return UNKNOWN;
    }
    Object x = a.get(0);
    Object y = b.get(0);
    if (x instanceof String s && y instanceof String t) {
      int ls = modifiedUtf8Length(s);
      int lt = modifiedUtf8Length(t);
      if (ls < 0 || lt < 0) {
        return UNKNOWN;
      }
      return ls != lt ? Integer.compare(ls, lt) : Integer.signum(s.compareTo(t));
    }
    if (x instanceof ObjectId p && y instanceof ObjectId q) {
      return Integer.signum(p.compareTo(q));
    }
    if (x instanceof Long p && y instanceof Long q) {
      return Long.compareUnsigned(p, q);
    }
    if (x instanceof Integer p && y instanceof Integer q) {
      return Integer.compareUnsigned(p, q);
    }
    return UNKNOWN;
  }

  /** The length Java serialisation writes for a string; -1 when it holds NUL or does not fit two bytes. */
  private static int modifiedUtf8Length(String s) {
    int length = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0) {
        return -1;
      }
      length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
    }
    return length > 0xFFFF ? -1 : length;
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
