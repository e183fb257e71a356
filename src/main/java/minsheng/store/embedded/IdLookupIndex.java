package minsheng.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The embedded store's {@code _id} index, answering also queries that name an {@code _id} and something more,
 * such as a conditional update ({@code {_id: x, stateVersion: 3}}). mongo-java-server uses an index only for a
 * query on exactly its keys and scans the whole collection otherwise; this one finds the document by its
 * {@code _id} and leaves the rest of the query to the collection, which checks every document it is given
 * against the whole query anyway. Everything else is the wrapped index's.
 */
final class IdLookupIndex extends Index<Object> {
  private static final String ID = "_id";
  private final Index<Object> index;

  IdLookupIndex(Index<Object> index, String name, List<IndexKey> keys, boolean sparse) {
    super(name, keys, sparse);
    this.index = index;
  }

  static boolean isIdIndex(List<IndexKey> keys) {
    return keys.size() == 1 && keys.get(0).getKey().equals(ID);
  }

  @Override
  public boolean canHandle(Document query) {
    return index.canHandle(query) || idIn(query) != null;
  }

  @Override
  public Iterable<Object> getPositions(Document query) {
    if (index.canHandle(query)) {
      return index.getPositions(query);
    }
    return index.getPositions(new Document(ID, idIn(query)));
  }

  /**
   * The {@code _id} a query requires, given as a plain value (not an operator, a pattern or a list) beside other
   * conditions or as one of the terms of a top-level {@code $and} (as the driver writes {@code Filters.and}).
   */
  private static Object idIn(Document query) {
    if (query.size() >= 2 && plain(query.get(ID))) {
      return query.get(ID);
    }
    if (query.size() == 1 && query.get("$and") instanceof List<?> terms) {
      for (Object term : terms) {
        if (term instanceof Document d && d.size() == 1 && plain(d.get(ID))) {
          return d.get(ID);
        }
      }
    }
    return null;
  }

  private static boolean plain(Object id) {
    return id != null && !(id instanceof Map) && !(id instanceof Collection) && !(id instanceof Pattern)
        && !(id instanceof BsonRegularExpression);
  }

  @Override
  public Object getPosition(Document document) {
    return index.getPosition(document);
  }

  @Override
  public void checkAdd(Document document, MongoCollection<Object> collection) {
    index.checkAdd(document, collection);
  }

  @Override
  public void add(Document document, Object position, MongoCollection<Object> collection) {
    index.add(document, position, collection);
  }

  @Override
  public Object remove(Document document) {
    return index.remove(document);
  }

  @Override
  public long getCount() {
    return index.getCount();
  }

  @Override
  public long getDataSize() {
    return index.getDataSize();
  }

  @Override
  public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
    index.checkUpdate(oldDocument, newDocument, collection);
  }

  @Override
  public void updateInPlace(Document oldDocument, Document newDocument, Object position,
      MongoCollection<Object> collection) throws KeyConstraintError {
    index.updateInPlace(oldDocument, newDocument, position, collection);
  }

  @Override
  public boolean isUnique() {
    return index.isUnique();
  }

  @Override
  public boolean isEmpty() {
    return index.isEmpty();
  }

  @Override
  public void drop() {
    index.drop();
  }
}
