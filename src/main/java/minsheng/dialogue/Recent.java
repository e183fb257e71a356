package minsheng.dialogue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded map that keeps what was used recently, in two generations: when the young one is full it becomes
 * the old one and the previous old one is dropped; a hit in the old generation is brought back to the young one.
 * Cheaper than an exact LRU on the message path, and an entry used again is never the one dropped.
 */
final class Recent<K, V> {
  private final int generationSize;
  private volatile Map<K, V> young = new ConcurrentHashMap<>();
  private volatile Map<K, V> old = new ConcurrentHashMap<>();

  Recent(int generationSize) {
    this.generationSize = generationSize;
  }

  V get(K key) {
    V v = young.get(key);
    if (v == null) {
      v = old.get(key);
      if (v != null) {
        young.put(key, v);
      }
    }
    return v;
  }

  void put(K key, V value) {
    Map<K, V> y = young;
    if (y.size() >= generationSize) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>();
        }
      }
    }
    young.put(key, value);
  }

  void remove(K key) {
    young.remove(key);
    old.remove(key);
  }
}
