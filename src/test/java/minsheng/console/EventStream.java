package minsheng.console;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** An open Server-Sent Events stream read on its own thread: the "conversation" events, as JSON. */
public final class EventStream implements AutoCloseable {
  private final Stream<String> lines;
  private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
  /** Counted down at the first line: the server subscribes before it writes anything. */
  private final CountDownLatch open = new CountDownLatch(1);
  private final Thread reader;

  EventStream(Stream<String> lines) throws InterruptedException {
    this.lines = lines;
    this.reader = new Thread(this::read, "sse-reader");
    reader.setDaemon(true);
    reader.start();
    if (!open.await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("the event stream sent nothing within 10 s");
    }
  }

  private void read() {
    String event = null;
    try {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        open.countDown();
        if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") && "conversation".equals(event)) {
          events.add(new JsonObject(line.substring(6)));
        } else if (line.isEmpty()) {
          event = null;
        }
      }
    } catch (RuntimeException closed) {
      // the test closed the stream
    }
  }

  /** The next conversation event that matches, skipping others; fails after {@code within}. */
  public JsonObject next(Predicate<JsonObject> matches, Duration within) throws InterruptedException {
    long end = System.nanoTime() + within.toNanos();
    while (true) {
      long left = end - System.nanoTime();
      JsonObject e = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching conversation event within " + within);
      }
      if (matches.test(e)) {
        return e;
      }
    }
  }

  @Override
  public void close() {
    lines.close();
  }
}
