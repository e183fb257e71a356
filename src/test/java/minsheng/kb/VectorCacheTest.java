package minsheng.kb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VectorCacheTest {
  private static float[] vector(int seed, int dimensions) {
    float[] v = new float[dimensions];
    for (int i = 0; i < dimensions; i++) {
      v[i] = seed * 1000 + i + 0.5f;
    }
    return v;
  }

  @Test
  void aKeptVectorComesBackAsACopyTheCallerCannotChange() {
    VectorCache cache = new VectorCache(10, 512);
    cache.put("低保", vector(1, 512));
    float[] got = cache.get("低保");
    assertArrayEquals(vector(1, 512), got);
    got[0] = -1;
    assertArrayEquals(vector(1, 512), cache.get("低保"));
    assertNull(cache.get("五保"));
  }

  @Test
  void whenFullTheLeastRecentlyUsedTextIsDroppedAndItsSlotReused() {
    VectorCache cache = new VectorCache(3, 4);
    cache.put("a", vector(1, 4));
    cache.put("b", vector(2, 4));
    cache.put("c", vector(3, 4));
    cache.get("a"); // now b is the least recently used
    cache.put("d", vector(4, 4));
    assertEquals(3, cache.size());
    assertNull(cache.get("b"));
    assertArrayEquals(vector(1, 4), cache.get("a"));
    assertArrayEquals(vector(3, 4), cache.get("c"));
    assertArrayEquals(vector(4, 4), cache.get("d"));
  }

  @Test
  void manyBlocksAndEvictionsKeepEveryHeldTextsOwnVector() {
    int capacity = 1_000; // four blocks, the last one partly used
    VectorCache cache = new VectorCache(capacity, 8);
    for (int i = 0; i < 3 * capacity; i++) {
      cache.put("q" + i, vector(i, 8));
    }
    assertEquals(capacity, cache.size());
    for (int i = 0; i < 2 * capacity; i++) {
      assertNull(cache.get("q" + i));
    }
    for (int i = 2 * capacity; i < 3 * capacity; i++) {
      assertArrayEquals(vector(i, 8), cache.get("q" + i), "q" + i);
    }
  }

  @Test
  void aVectorOfTheWrongLengthIsRefused() {
    VectorCache cache = new VectorCache(3, 4);
    assertThrows(IllegalArgumentException.class, () -> cache.put("a", new float[5]));
    assertNull(cache.get("a"));
  }
}
