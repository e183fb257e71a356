package minsheng.store;

import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * Who saw or exported personal data, and when: one document per view in the {@code audit} collection.
 * Entries are only ever inserted; nothing in the service updates or deletes them.
 */
public final class AuditLog {
  private final MongoCollection<Document> audit;

  public AuditLog(Store store) {
    this.audit = store.collection("audit");
  }

  public Future<Void> createIndexes() {
    return Reactive.first(audit.createIndex(Indexes.descending("at"))).mapEmpty();
  }

  /**
   * Records one view. {@code who} names the reader ("operator:li", "insurer:key-1"), {@code what} the kind of
   * view ("claim.read.full", "export.claims.csv"), {@code details} what was seen (claim number, fields, rows).
   */
  public Future<Void> record(String who, String what, String from, Document details) {
    Document entry = new Document("at", new Date()).append("who", who).append("what", what).append("from", from);
    if (details != null) {
      entry.putAll(details);
    }
    return Reactive.first(audit.insertOne(entry)).mapEmpty();
  }

  /** Records several views of one kind by one reader at once (an insurer reading a page of claims). */
  public Future<Void> recordAll(String who, String what, String from, List<Document> details) {
    if (details.isEmpty()) {
      return Future.succeededFuture();
    }
    Date now = new Date();
    List<Document> entries = details.stream().map(d -> {
      Document entry = new Document("at", now).append("who", who).append("what", what).append("from", from);
      entry.putAll(d);
      return entry;
    }).toList();
    return Reactive.first(audit.insertMany(entries)).mapEmpty();
  }

  /** The raw collection, for reading the log (tests, the admin's audit view). */
  public MongoCollection<Document> collection() {
    return audit;
  }
}
