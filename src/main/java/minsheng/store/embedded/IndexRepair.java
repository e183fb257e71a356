package minsheng.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The unique indexes rebuilt from the documents after the store was not closed (a crash, {@code kill -9}).
 *
 * <p>mongo-java-server writes a document and each of its index entries as separate H2 map operations, and H2's
 * background writer commits whatever the maps hold every 100 ms, so a crash can leave a committed document without
 * its index entry, or an entry without its document. Found by {@code ClaimCrashTest}: the next start-up's delete
 * failed with "Found no position for … in IdLookupIndex" and the service could not start at all. A document is
 * written to its map in one operation, so the documents are the truth: each unique index loses the entries no
 * document backs and gets the ones a document lacks. A marker says whether the store was closed, so a start after
 * a clean stop costs nothing.
 */
final class IndexRepair {
  private static final Logger log = LoggerFactory.getLogger(IndexRepair.class);
  private static final String MARKER_MAP = "minsheng.open";
  private static final String OPEN = "open";
  /** H2Database's names: documents in "databases.&lt;db&gt;.&lt;collection&gt;", indexes beside them. */
  private static final String DATA_PREFIX = "databases.";

  private IndexRepair() {
  }

  /** Whether the store was left open by the last process that used it (it did not get to {@link #closing}). */
  static boolean leftOpen(MVStore store) {
    return Boolean.TRUE.equals(marker(store).get(OPEN));
  }

  /** Marks the store open, on the disk, before anything else writes to it. */
  static void opening(MVStore store) {
    marker(store).put(OPEN, true);
    store.commit();
  }

  /** Marks a clean stop; the store's own close commits it. */
  static void closing(MVStore store) {
    marker(store).put(OPEN, false);
  }

  /**
   * Checks every unique index of every collection against the documents; the number of entries removed or
   * added. Runs before the store accepts connections.
   */
  static long rebuild(MVStore store, H2Backend backend) {
    long repaired = 0;
    for (String mapName : List.copyOf(store.getMapNames())) {
      if (!mapName.startsWith(DATA_PREFIX)) {
        continue;
      }
      String namespace = mapName.substring(DATA_PREFIX.length());
      int dot = namespace.indexOf('.');
      if (dot < 0 || namespace.startsWith("system.", dot + 1)) {
        continue;
      }
      MongoDatabase database = backend.resolveDatabase(namespace.substring(0, dot));
      @SuppressWarnings("unchecked")
      MongoCollection<Object> collection =
          (MongoCollection<Object>) database.resolveCollection(namespace.substring(dot + 1), false);
      if (collection == null) {
        continue;
      }
      MVMap<Object, Object> documents = store.openMap(mapName);
      for (Index<Object> index : collection.getIndexes()) {
        if (index.isUnique()) {
          repaired += repair(namespace, index, store.openMap(namespace + "._index_" + index.getName()),
              documents, collection);
        }
      }
    }
    store.commit();
    return repaired;
  }

  /**
   * Removes the entries whose document is gone or no longer has that key, and adds the documents that have no
   * entry; the number of entries removed and added.
   */
  private static long repair(String namespace, Index<Object> index, MVMap<Object, Object> entries,
      MVMap<Object, Object> documents, MongoCollection<Object> collection) {
    long removed = 0;
    long added = 0;
    List<Object> stale = new ArrayList<>();
    for (Map.Entry<Object, Object> entry : entries.entrySet()) {
      Object found = documents.get(entry.getValue());
      if (!(found instanceof Document document) || !index.getKeyValues(document).contains(entry.getKey())) {
        stale.add(entry.getKey());
      }
    }
    stale.forEach(entries::remove);
    removed += stale.size();
    for (Map.Entry<Object, Object> e : documents.entrySet()) {
      if (e.getValue() instanceof Document document && index.getPosition(document) == null) {
        try {
          long size = entries.sizeAsLong();
          index.add(document, e.getKey(), collection);
          added += entries.sizeAsLong() - size;
        } catch (RuntimeException clash) {
          // Two documents with one unique key cannot come from a single torn write; left as found, and said.
          log.error("embedded store: {} index {} refused {}: {}", namespace, index.getName(), e.getKey(),
              clash.toString());
        }
      }
    }
    if (removed + added > 0) {
      log.warn("embedded store: {} index {} repaired after an unclean stop: {} entries removed, {} added",
          namespace, index.getName(), removed, added);
    }
    return removed + added;
  }

  private static MVMap<String, Boolean> marker(MVStore store) {
    return store.openMap(MARKER_MAP);
  }
}
