package minsheng.store.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The value type of the embedded store's collections: each document is written as BSON. H2's generic type
 * writes mongo-java-server's documents with Java serialisation, class descriptors and all, and H2 writes every
 * document of a changed page again at each commit; that was a quarter of the store's CPU under load. Pages
 * written before this type existed hold Java-serialised values; they are still read (by their H2 type tag) and
 * are written as BSON the next time their page changes.
 */
final class DocumentValueType extends BasicDataType<Object> {
  static final DocumentValueType INSTANCE = new DocumentValueType();
  /** Marks a BSON document; H2's ObjectDataType never writes this tag (its tags end at 119). */
  static final byte BSON_DOCUMENT = (byte) 0xB5;

  private final ObjectDataType legacy = new ObjectDataType();
  /** H2 sizes its page cache by this estimate of a value's memory; a running average of encoded sizes. */
  private volatile int averageSize = 512;
  /** Documents kept in H2's own form because BSON could not carry them (expected to stay zero). */
  private final AtomicLong keptAsJava = new AtomicLong();

  @Override
  public Object[] createStorage(int size) {
    return new Object[size];
  }

  @Override
  public int getMemory(Object value) {
    return value instanceof Document ? averageSize * 2 : legacy.getMemory(value);
  }

  @Override
  public void write(WriteBuffer buffer, Object value) {
    if (value instanceof Document document) {
      ByteBuf bson = Unpooled.buffer(averageSize + 64);
      try {
        BsonEncoder.encodeDocument(document, bson);
      } catch (RuntimeException unsupported) {
        // A value BSON cannot carry (none is known): kept exactly as H2 would have kept it.
        keptAsJava.incrementAndGet();
        legacy.write(buffer, value);
        return;
      }
      int length = bson.readableBytes();
      buffer.put(BSON_DOCUMENT).putVarInt(length).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), length);
      averageSize = (averageSize * 31 + length) / 32;
      return;
    }
    legacy.write(buffer, value);
  }

  long keptAsJava() {
    return keptAsJava.get();
  }

  @Override
  public Object read(ByteBuffer buffer) {
    if (buffer.get(buffer.position()) != BSON_DOCUMENT) {
      return legacy.read(buffer);
    }
    buffer.get();
    int length = DataUtils.readVarInt(buffer);
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
  }
}
