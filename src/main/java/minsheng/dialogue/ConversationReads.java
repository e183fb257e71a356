package minsheng.dialogue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import minsheng.store.Reactive;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.reactivestreams.Publisher;

/**
 * What the console, the statistics and the exports read of conversations and turns. Made by
 * {@link Conversations}, which owns both collections and makes every change to them.
 */
public final class ConversationReads {
  private final MongoCollection<Document> conversations;
  private final MongoCollection<Document> turns;

  ConversationReads(MongoCollection<Document> conversations, MongoCollection<Document> turns) {
    this.conversations = conversations;
    this.turns = turns;
  }

  /** The console's views of the conversation list. */
  public enum View { WAITING, MINE, ALL }

  public Future<Optional<Document>> find(String id) {
    return Reactive.first(conversations.find(Filters.eq("_id", id)).limit(1));
  }

  /**
   * A page of the list, newest message first, but handed-over conversations first whatever their age: two reads
   * rather than one sort on a computed key.
   */
  public Future<List<Document>> list(View view, String operator, int limit) {
    Bson filter = switch (view) {
      case WAITING -> Filters.and(Filters.eq("needsHuman", true), Filters.eq("takenOverBy", null));
      case MINE -> Filters.or(Filters.eq("assignedTo", operator), Filters.eq("takenOverBy", operator));
      case ALL -> Filters.empty();
    };
    Bson handedOver = Filters.or(Filters.eq("needsHuman", true), Filters.ne("takenOverBy", null));
    Bson rest = Filters.and(Filters.ne("needsHuman", true), Filters.eq("takenOverBy", null));
    return page(Filters.and(filter, handedOver), limit).compose(first -> first.size() >= limit
        ? Future.succeededFuture(first)
        : page(Filters.and(filter, rest), limit - first.size()).map(more -> {
          List<Document> all = new ArrayList<>(first);
          all.addAll(more);
          return all;
        }));
  }

  private Future<List<Document>> page(Bson filter, int limit) {
    return Reactive.all(conversations.find(filter).sort(Indexes.descending("lastMessageAt")).limit(limit));
  }

  /** How many conversations are assigned to an operator: their load. */
  public Future<Long> assignedTo(String operator) {
    return Reactive.one(conversations.countDocuments(Filters.eq("assignedTo", operator)));
  }

  /** Handed-over conversations nobody has yet, oldest hand-off first. */
  public Future<List<Document>> waitingUnassigned(int limit) {
    return Reactive.all(conversations.find(Filters.and(Filters.eq("needsHuman", true),
            Filters.eq("takenOverBy", null), Filters.eq("assignedTo", null)))
        .sort(Indexes.ascending("handoffAt")).limit(limit));
  }

  /** The store's aggregation over the turns (the statistics' figures, each bounded by time). */
  public Future<List<Document>> aggregateTurns(List<Bson> pipeline) {
    return Reactive.all(turns.aggregate(pipeline));
  }

  /** Conversations handed over since then, with the times a person answered. */
  public Future<List<Document>> handedOverSince(Date from) {
    return Reactive.all(conversations.find(Filters.gte("handoffAt", from))
        .projection(Projections.include("handoffAt", "takenOverAt", "firstOperatorReplyAt")));
  }

  /** Every conversation, newest message first, in batches as the reader asks for them. */
  public Publisher<Document> all(int batchSize) {
    return conversations.find().sort(Sorts.descending("lastMessageAt")).batchSize(batchSize);
  }
}
