package minsheng.dialogue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** What operators watch on /metrics: answers per intent, hand-overs per reason, and answer latency. */
public final class AnswerMetrics {
  private final MeterRegistry registry;
  private final Timer latency;

  public AnswerMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency = Timer.builder("minsheng.answer.latency")
        .description("Time from a resident's message to the assistant's reply, store writes included")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
  }

  void answered(String decision, String intent, boolean handoff, String handoffReason, long nanos) {
    Counter.builder("minsheng.answers").description("Messages answered, by intent and decision")
        .tag("intent", intent == null ? "none" : intent).tag("decision", decision)
        .register(registry).increment();
    if (handoff) {
      Counter.builder("minsheng.handoffs").description("Conversations handed to a person, by reason")
          .tag("reason", handoffReason).register(registry).increment();
    }
    latency.record(Duration.ofNanos(nanos));
  }
}
