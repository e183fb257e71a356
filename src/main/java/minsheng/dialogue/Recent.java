package minsheng.dialogue;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/**
 * (Per instance; each user says why that is safe with several instances.)
 * A bounded map of what was used recently (Caffeine: size-capped, least-recently-used-ish eviction, and entries
 * unused for {@link #IDLE} are dropped). What it holds is always a copy of what the store or the model would give
 * again, so a dropped entry costs a read, never an answer.
 */
final class Recent<K, V> {
  static final Duration IDLE = Duration.ofHours(1);
  private final Cache<K, V> entries;

  /** @param generationSize half the entries held at most (the size of each generation of the former two-map cache) */
  Recent(int generationSize) {
    // Evictions run on the calling thread: a few entries at a time, and no hop to the common pool's two threads.
    this.entries = Caffeine.newBuilder().maximumSize(2L * generationSize).expireAfterAccess(IDLE)
        .executor(Runnable::run).build();
  }

  V get(K key) {
    return entries.getIfPresent(key);
  }

  void put(K key, V value) {
    entries.put(key, value);
  }

  void remove(K key) {
    entries.invalidate(key);
  }

  /** Entries held now, after pending evictions (tests). */
  long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }
}
