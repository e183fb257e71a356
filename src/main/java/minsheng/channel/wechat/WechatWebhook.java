package minsheng.channel.wechat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToLongFunction;
import minsheng.dialogue.Assistant;
import minsheng.dialogue.Message;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The official-account webhook ({@code GET|POST /wechat}): the platform's verification, plaintext and safe-mode
 * (AES) messages, every message type, retries answered once, and the 5-second rule. Validation happens before
 * anything is stored: a bad signature, a stale timestamp, an oversized body or malformed XML changes nothing.
 */
public final class WechatWebhook {
  private static final Logger log = LoggerFactory.getLogger(WechatWebhook.class);
  static final String CHANNEL = "wechat";
  /** The platform shows at most 2,048 bytes of a text message. */
  static final int MAX_TEXT_BYTES = 2048;
  private static final String SUCCESS = "success";

  /** What {@link #validate} hands to {@link #answer}. */
  record Inbound(InboundMessage message, boolean encrypted, SignedPair pair) {
  }

  public record Settings(Optional<String> token, Optional<String> aesKey, Optional<String> appId,
      int replyDeadlineMs, int timestampToleranceSeconds, int rateLimitPerMinute, Map<String, String> menuKeys) {
  }

  private final Vertx vertx;
  private final Settings settings;
  private final Assistant assistant;
  private final SeenMessages seen;
  private final OutboundQueue outbound;
  private final WechatCrypto crypto;
  private final ResidentRateLimiter rateLimiter;
  /** A pause (ms) before a sender's reply is computed; none in service (see the constructor). */
  private final ToLongFunction<String> answerPauseMs;

  public WechatWebhook(Vertx vertx, Settings settings, Assistant assistant, SeenMessages seen,
      OutboundQueue outbound) {
    this(vertx, settings, assistant, seen, outbound, sender -> 0);
  }

  /**
   * {@code answerPauseMs} delays the reply to a sender by that many milliseconds before it is computed, so that
   * the late path of the 5-second rule can be exercised deterministically (the service passes none).
   */
  public WechatWebhook(Vertx vertx, Settings settings, Assistant assistant, SeenMessages seen,
      OutboundQueue outbound, ToLongFunction<String> answerPauseMs) {
    this.answerPauseMs = answerPauseMs;
    this.vertx = vertx;
    this.settings = settings;
    this.assistant = assistant;
    this.seen = seen;
    this.outbound = outbound;
    this.rateLimiter = new ResidentRateLimiter(settings.rateLimitPerMinute());
    this.crypto = settings.token().isPresent() && settings.aesKey().isPresent()
        ? new WechatCrypto(settings.token().get(), settings.aesKey().get(), settings.appId().orElse(""))
        : null;
  }

  // ---- GET /wechat: the platform checks that the server is ours --------------------------------------

  public void verify(RoutingContext ctx) {
    String token = settings.token().orElse(null);
    String echo = ctx.queryParams().get("echostr");
    String timestamp = ctx.queryParams().get("timestamp");
    // The same window as messages: a signed verification URL from long ago proves nothing about the caller now.
    if (token == null || echo == null || !fresh(timestamp) || !WechatSignature.verify(token, timestamp,
        ctx.queryParams().get("nonce"), ctx.queryParams().get("signature"))) {
      ctx.response().setStatusCode(403).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(echo);
  }

  // ---- POST /wechat: validation ----------------------------------------------------------------------

  public void validate(RoutingContext ctx) {
    String token = settings.token().orElse(null);
    if (token == null) {
      refuse(ctx, 503, "MINSHENG_WECHAT_TOKEN is not configured");
      return;
    }
    String timestamp = ctx.queryParams().get("timestamp");
    String nonce = ctx.queryParams().get("nonce");
    if (!fresh(timestamp)) {
      refuse(ctx, 403, "timestamp missing or outside the allowed window");
      return;
    }
    boolean encrypted = "aes".equalsIgnoreCase(ctx.queryParams().get("encrypt_type"));
    String body = ctx.body().asString(StandardCharsets.UTF_8.name());
    if (body == null || body.isBlank()) {
      refuse(ctx, 400, "empty body");
      return;
    }
    try {
      InboundMessage message;
      if (encrypted) {
        if (crypto == null) {
          refuse(ctx, 400, "safe mode is not configured (MINSHENG_WECHAT_AES_KEY)");
          return;
        }
        // The envelope's signature is checked before anything is decrypted.
        String encrypt = WechatXml.parse(body).encrypt();
        if (encrypt == null || !crypto.verifyMsgSignature(timestamp, nonce, encrypt, ctx.queryParams().get("msg_signature"))) {
          refuse(ctx, 403, "bad msg_signature");
          return;
        }
        message = WechatXml.parse(crypto.decrypt(encrypt));
      } else {
        if (!WechatSignature.verify(token, timestamp, nonce, ctx.queryParams().get("signature"))) {
          refuse(ctx, 403, "bad signature");
          return;
        }
        message = WechatXml.parse(body);
      }
      if (message.fromUserName() == null || message.fromUserName().isBlank() || message.msgType() == null) {
        refuse(ctx, 400, "message without FromUserName or MsgType");
        return;
      }
      // The pair is recorded with the message's claim (SeenMessages): a pair used with another body is refused there.
      ctx.put(Inbound.class.getName(),
          new Inbound(message, encrypted, SignedPair.of(timestamp, nonce, ctx.body().buffer().getBytes())));
      ctx.next();
    } catch (WechatProtocolException e) {
      refuse(ctx, 400, e.getMessage());
    }
  }

  private boolean fresh(String timestamp) {
    try {
      long t = Long.parseLong(timestamp);
      return Math.abs(System.currentTimeMillis() / 1000 - t) <= settings.timestampToleranceSeconds();
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
  }

  private static void refuse(RoutingContext ctx, int status, String why) {
    log.debug("wechat request refused ({}): {}", status, why);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(why);
  }

  /** Failures of the WeChat route: an oversized body is 413, anything unexpected is "success", never 500. */
  public void failure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      return;
    }
    if (ctx.statusCode() == 413) {
      ctx.response().setStatusCode(413).end();
      return;
    }
    if (ctx.failure() != null) {
      log.error("wechat message failed", ctx.failure());
    }
    ctx.response().setStatusCode(ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? ctx.statusCode() : 200)
        .end(ctx.statusCode() >= 400 && ctx.statusCode() < 500 ? "" : SUCCESS);
  }

  // ---- POST /wechat: the answer ------------------------------------------------------------------------

  public void answer(RoutingContext ctx) {
    Inbound in = ctx.get(Inbound.class.getName());
    InboundMessage m = in.message();
    String key = m.dedupKey();
    ObjectId turnId = new ObjectId();
    seen.claim(key, turnId, settings.replyDeadlineMs(), in.pair()).onComplete(ar -> {
      if (ar.failed()) {
        // Nothing of it was kept: the platform's retry may find the store back.
        log.warn("wechat: cannot record message {}: {}", key, ar.cause().toString());
        refuse(ctx, 503, "the store is not available; the platform will retry");
      } else if (ar.result() instanceof SeenMessages.Claim.Refused) {
        refuse(ctx, 403, "timestamp and nonce already used with another body");
      } else if (ar.result() instanceof SeenMessages.Claim.Repeat repeat) {
        respond(ctx, in, repeat.reply().orElse(SUCCESS));
      } else if (ar.result() instanceof SeenMessages.Claim.Answered answered) {
        respond(ctx, in, Answer.inTurn(answered.texts()).text().map(text -> replyXml(m, text)).orElse(SUCCESS));
      } else if (!rateLimiter.allow(m.fromUserName())) {
        // Only first copies count: a platform retry is the same message and gets the same answer.
        String xml = replyXml(m, assistant.line("rateLimited"));
        seen.done(key, xml).onComplete(done -> respond(ctx, in, xml));
      } else {
        answerFirstCopy(ctx, in, key, turnId);
      }
    });
  }

  /** What to say to a message, and whether the assistant recorded it as its turn (so a retry finds it there). */
  private record Answer(Optional<String> text, boolean inTurn) {
    /** The assistant's texts as one reply (none when an operator has the conversation). */
    static Answer inTurn(List<String> texts) {
      return new Answer(Optional.of(String.join("\n\n", texts)).filter(t -> !t.isBlank()), true);
    }
  }

  /**
   * The reply races the deadline: in time, it is the passive reply; late, the platform (and any retry) gets
   * "success" now and the resident gets the reply as a customer-service message.
   */
  private void answerFirstCopy(RoutingContext ctx, Inbound in, String key, ObjectId turnId) {
    InboundMessage m = in.message();
    Promise<Void> deadline = Promise.promise();
    long timer = vertx.setTimer(settings.replyDeadlineMs(), t -> deadline.tryComplete());
    long pause = answerPauseMs.applyAsLong(m.fromUserName());
    Future<Answer> reply;
    if (pause <= 0) {
      reply = reply(m, turnId);
    } else {
      Promise<Void> slept = Promise.promise();
      vertx.setTimer(pause, t -> slept.complete());
      reply = slept.future().compose(v -> reply(m, turnId));
    }
    reply.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.failed()) {
        log.error("wechat: answering {} failed", key, ar.cause());
        seen.release(key);
        if (deadline.tryFail("failed")) {
          respond(ctx, in, SUCCESS);
        }
        return;
      }
      Answer answer = ar.result();
      String xml = answer.text().map(text -> replyXml(m, text)).orElse(SUCCESS);
      if (deadline.tryFail("answered")) {
        // The reply goes out while it is being recorded: a retry on this instance gets it from memory at once,
        // one on another instance from the turn or the claim once they are written.
        if (answer.inTurn()) {
          seen.answered(key, xml);
        } else {
          seen.done(key, xml).onFailure(e -> log.warn("wechat: reply to {} not recorded: {}", key, e.toString()));
        }
        respond(ctx, in, xml);
      } else if (answer.text().isPresent()) {
        outbound.enqueueText(m.fromUserName(), fit(answer.text().get()), "late-reply")
            .onFailure(e -> log.error("wechat: late reply to {} could not be queued", key, e));
      }
    });
    deadline.future().onSuccess(v -> {
      seen.done(key, SUCCESS).onFailure(e -> log.warn("wechat: late reply to {} not recorded: {}", key, e.toString()));
      respond(ctx, in, SUCCESS);
    });
  }

  /** What to say to a message, by its type; empty when there is nothing to say. */
  private Future<Answer> reply(InboundMessage m, ObjectId turnId) {
    String user = m.fromUserName();
    switch (m.msgType()) {
      case "text":
        return ask(user, m.content(), turnId);
      case "voice":
        return m.recognition() == null || m.recognition().isBlank()
            ? say("wechatVoiceUnclear") : ask(user, m.recognition(), turnId);
      case "image":
        return assistant.receivedPhoto(CHANNEL, user, m.mediaId(), m.picUrl())
            .map(text -> new Answer(Optional.of(text), false));
      case "location":
        return assistant.keep(CHANNEL, user, location(m.locationX(), m.locationY(), m.label()))
            .compose(v -> say("wechatLocation"));
      case "video", "shortvideo", "link":
        return say("wechatMedia");
      case "event":
        return event(m, turnId);
      default:
        return say("wechatUnknownType");
    }
  }

  private Future<Answer> event(InboundMessage m, ObjectId turnId) {
    String event = m.event() == null ? "" : m.event();
    switch (event) {
      case "subscribe":
        return say("wechatWelcome");
      case "click":
        String question = settings.menuKeys().get(m.eventKey());
        return question == null ? say("capabilities") : ask(m.fromUserName(), question, turnId);
      case "location":
        // The platform reports the position on its own when a resident allowed it: kept, not answered.
        return assistant.keep(CHANNEL, m.fromUserName(), location(m.latitude(), m.longitude(), null))
            .map(v -> new Answer(Optional.empty(), false));
      default:
        // unsubscribe, VIEW (a link was opened) and anything new: nothing to say.
        return Future.succeededFuture(new Answer(Optional.empty(), false));
    }
  }

  private static Document location(String latitude, String longitude, String label) {
    return new Document("type", "location").append("latitude", latitude).append("longitude", longitude)
        .append("label", label);
  }

  private Future<Answer> ask(String user, String text, ObjectId turnId) {
    if (text == null || text.isBlank()) {
      return say("empty");
    }
    // No texts (an operator has taken the conversation over): nothing to say, so the platform gets "success".
    return assistant.respond(new Message(CHANNEL, user, text, turnId)).map(r -> Answer.inTurn(r.texts()));
  }

  private Future<Answer> say(String line) {
    return Future.succeededFuture(new Answer(Optional.of(assistant.line(line)), false));
  }

  private static String fit(String text) {
    return ReplyXml.fitTextBytes(text, MAX_TEXT_BYTES);
  }

  private static String replyXml(InboundMessage m, String text) {
    return ReplyXml.text(m.fromUserName(), m.toUserName(), System.currentTimeMillis() / 1000, fit(text));
  }

  private void respond(RoutingContext ctx, Inbound in, String plain) {
    if (ctx.response().ended()) {
      return;
    }
    if (SUCCESS.equals(plain)) {
      ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(SUCCESS);
      return;
    }
    String body = in.encrypted()
        ? crypto.encrypt(plain, String.valueOf(System.currentTimeMillis() / 1000), WechatCrypto.nonce()).toXml()
        : plain;
    ctx.response().putHeader("Content-Type", "application/xml; charset=utf-8").end(body);
  }
}
