package minsheng.kb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedder's bounded cache of recent texts' vectors (least recently used dropped first), with the vectors
 * kept off the Java heap in blocks allocated once and then reused. Residents' questions are mostly distinct, so
 * nearly every question adds an entry that outlives the young generation: as 2 kB arrays on the heap, each was
 * copied between the survivor spaces at every young collection until tenured, which was most of a collection's
 * pause (README, "Speed"). Off the heap only the key and its slot number are copied. A hit returns a copy, so a
 * caller can never change what the next one gets.
 */
final class VectorCache {
  /** Vectors per off-heap block: a block is allocated when the cache first grows into it, never freed. */
  private static final int BLOCK = 256;

  private final int capacity;
  private final int dimensions;
  /** Text to slot, in access order: the first entry is the least recently used. */
  private final LinkedHashMap<String, Integer> slots;
  private final List<FloatBuffer> blocks = new ArrayList<>();

  VectorCache(int capacity, int dimensions) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity " + capacity);
    }
    this.capacity = capacity;
    this.dimensions = dimensions;
    this.slots = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true);
  }

  /** A copy of the text's vector, or null when it is not held. */
  synchronized float[] get(String text) {
    Integer slot = slots.get(text);
    if (slot == null) {
      return null;
    }
    float[] v = new float[dimensions];
    blocks.get(slot / BLOCK).get((slot % BLOCK) * dimensions, v);
    return v;
  }

  /** Keeps the text's vector, dropping the least recently used text's when full. */
  synchronized void put(String text, float[] vector) {
    if (vector.length != dimensions) {
      throw new IllegalArgumentException("a vector of " + vector.length + " dimensions, not " + dimensions);
    }
    Integer slot = slots.get(text);
    if (slot == null) {
      slot = freeSlot();
      slots.put(text, slot);
    }
    blocks.get(slot / BLOCK).put((slot % BLOCK) * dimensions, vector);
  }

  synchronized int size() {
    return slots.size();
  }

  private int freeSlot() {
    if (slots.size() < capacity) {
      // Slots are handed out in order and only ever reused, so the next one is the count held.
      int slot = slots.size();
      if (slot / BLOCK == blocks.size()) {
        blocks.add(ByteBuffer.allocateDirect(BLOCK * dimensions * Float.BYTES).order(ByteOrder.nativeOrder())
            .asFloatBuffer());
      }
      return slot;
    }
    Iterator<Map.Entry<String, Integer>> eldest = slots.entrySet().iterator();
    int slot = eldest.next().getValue();
    eldest.remove();
    return slot;
  }
}
