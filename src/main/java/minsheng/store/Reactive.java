package minsheng.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Bridges the driver's Reactive Streams publishers to Vert.x futures. Results are delivered on the caller's
 * Vert.x context (when there is one), so handlers never run on driver threads.
 */
public final class Reactive {
  private Reactive() {
  }

  /** The publisher's first item, or empty when it completes without one. */
  public static <T> Future<Optional<T>> first(Publisher<T> publisher) {
    return collect(publisher, 1).map(list -> list.isEmpty() ? Optional.empty() : Optional.of(list.get(0)));
  }

  /** The publisher's single result; fails if it completes empty. */
  public static <T> Future<T> one(Publisher<T> publisher) {
    return first(publisher).map(o -> o.orElseThrow(() -> new IllegalStateException("store returned no result")));
  }

  /** Every item of the publisher. */
  public static <T> Future<List<T>> all(Publisher<T> publisher) {
    return collect(publisher, Long.MAX_VALUE);
  }

  private static <T> Future<List<T>> collect(Publisher<T> publisher, long limit) {
    Context context = Vertx.currentContext();
    Promise<List<T>> promise = Promise.promise();
    publisher.subscribe(new Subscriber<T>() {
      private final List<T> items = new ArrayList<>();
      private Subscription subscription;
      private boolean done;

      @Override
      public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(limit);
      }

      @Override
      public void onNext(T item) {
        if (done) {
          return;
        }
        items.add(item);
        if (items.size() >= limit) {
          done = true;
          subscription.cancel();
          deliver(context, () -> promise.tryComplete(items));
        }
      }

      @Override
      public void onError(Throwable t) {
        if (!done) {
          done = true;
          deliver(context, () -> promise.tryFail(t));
        }
      }

      @Override
      public void onComplete() {
        if (!done) {
          done = true;
          deliver(context, () -> promise.tryComplete(items));
        }
      }
    });
    return promise.future();
  }

  private static void deliver(Context context, Runnable action) {
    if (context == null) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
