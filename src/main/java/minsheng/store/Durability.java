package minsheng.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The embedded store's forced commit, for writes that must be on disk before they are acknowledged.
 *
 * <p>{@link MVStore#commit()} alone is not enough: when H2's background writer has just taken the pending changes
 * (ours included) it writes them asynchronously, and a commit made meanwhile finds nothing to store and returns at
 * once, before our change is in the file. So a tick is written first and the commit is repeated until it stores
 * something itself (it returns a version, not -1). A commit that stores runs through H2's single-threaded
 * serialisation and write executors behind every earlier chunk, and waits for its own: when it returns, every
 * change made before it is in the file.
 */
final class Durability {
  private static final String TICK_MAP = "minsheng.durable-tick";
  private static final int MAX_TRIES = 1_000;

  private Durability() {
  }

  static void force(MVStore store) {
    MVMap<Integer, Long> tick = store.openMap(TICK_MAP);
    for (int i = 0; i < MAX_TRIES; i++) {
      tick.put(0, System.nanoTime());
      if (store.commit() >= 0) {
        if (EmbeddedMongo.SYNC_DURABLE_WRITES) {
          store.sync();
        }
        return;
      }
    }
    throw new IllegalStateException("the embedded store did not commit a durable write");
  }
}
