package minsheng.channel;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * Messages waiting for JSON-channel residents (an operator's reply, a claim decision), read by polling.
 * Each resident's messages are numbered 1, 2, 3… from an atomic counter, so a reader can tell a message that
 * is still being written (a gap) from one that is not there, and never skips one.
 * The counter is a store document, so instances writing for the same resident never share a number.
 */
public final class Outbox {
  /** A gap older than this belongs to a writer that died after taking its number; readers step over it. */
  private static final long GAP_PATIENCE_MS = 5_000;

  private final Store store;
  private final MongoCollection<Document> messages;

  public Outbox(Store store) {
    this.store = store;
    this.messages = store.collection("outbox");
  }

  public Future<Void> createIndexes() {
    return Reactive.first(messages.createIndex(Indexes.ascending("user", "seq"), new IndexOptions().unique(true))).mapEmpty();
  }

  public record Entry(long seq, String from, String text, Date at) {
  }

  public record Page(List<Entry> messages, long next) {
  }

  public Future<Long> post(String user, String from, String text) {
    return store.nextSequence("outbox:" + user).compose(seq -> Reactive.first(messages.insertOne(
        new Document("user", user).append("seq", seq).append("from", from).append("text", text)
            .append("at", new Date()))).map(r -> seq));
  }

  /** Messages after {@code cursor}, oldest first, stopping at a fresh gap. */
  public Future<Page> since(String user, long cursor, int limit) {
    return Reactive.all(messages.find(Filters.and(Filters.eq("user", user), Filters.gt("seq", cursor)))
            .sort(Indexes.ascending("seq")).limit(limit))
        .map(docs -> {
          List<Entry> out = new ArrayList<>();
          long expected = cursor + 1;
          long now = System.currentTimeMillis();
          for (Document d : docs) {
            long seq = ((Number) d.get("seq")).longValue();
            Date at = d.getDate("at");
            if (seq != expected && now - at.getTime() < GAP_PATIENCE_MS) {
              break;
            }
            out.add(new Entry(seq, d.getString("from"), d.getString("text"), at));
            expected = seq + 1;
          }
          return new Page(out, out.isEmpty() ? cursor : out.get(out.size() - 1).seq());
        });
  }
}
