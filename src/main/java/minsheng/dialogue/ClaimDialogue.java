package minsheng.dialogue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.Parsed;
import minsheng.claims.PhotoLinks;
import minsheng.claims.Policy;
import minsheng.dialogue.DraftForm.Slot;
import minsheng.store.FieldCipher;
import minsheng.store.Store;
import org.bson.Document;

/**
 * The claim-intake conversation: a form filled in the resident's own words. Every message is read for every
 * slot at once ({@link SlotReader}: 我叫张三 电话13812345678 fills two, the first message may fill most of the
 * form), a later value replaces an earlier one (corrections), and the next missing slot is asked for
 * ({@link ClaimPrompts}). A question in the middle is handed back to the assistant and the form resumes; an
 * answer the form cannot take is asked again with an example, then in other words with the offer of a person,
 * and after the third the draft goes to the claims desk to call back. Photos and documents come as WeChat
 * images, as links, or later ({@link ClaimAttachments}). The draft lives in MongoDB for 7 days — one per
 * resident, personal data sealed — so it survives a break and a restart.
 */
public final class ClaimDialogue {
  private static final Pattern CANCEL = Pattern.compile("^(算了|不报了|算了不报了|取消|不要了|不弄了|退出)");
  private static final Pattern BACK = Pattern.compile("^(上一步|返回|退回|回到上一步|改上一个|上一个)");
  private static final Pattern HUMAN = Pattern.compile("转人工|人工客服|人工服务|找人工|要人工|真人|找工作人员|找个人|跟人说|和人说");
  private static final Pattern CLAIM_NO = Pattern.compile("[A-Z]{1,6}-\\d{4}-\\d{6}");
  /** "确认", and a yes in more words: "好 确认", "冇得问题 确认", "没得问题 提交吧", "确认 谢谢" (emoji set aside). */
  private static final Pattern CONFIRM = Pattern.compile("^(?:(?:冇得?|没得?|莫得?)问题|没毛病|可以|好的?|对的?|是的?|行|嗯+)?"
      + "[了啊呀哈]?[,,\\s]*(确认|确认提交|提交|没问题|对的?|是的?|好的?|可以|行|(?:冇得?|没得|莫得?)问题)(?:提交|交)?"
      + "[吧了咯啰哈啊呀]?[,,\\s]*(?:谢谢|谢了)?[!!。.~]*$");
  /**
   * "好 交咯", "都对 提交", "对的 就这样交了": the review's yes in words around 确认/提交/交 or 就这样 (as it stands),
   * with no no, no question, no change and no 算了.
   */
  private static final Pattern CONFIRM_WORDED = Pattern.compile("^[^不别没冇莫吗么?改错算]{0,6}(确认|提交|交咯|交吧|交了|就这样|就这么办)"
      + "[^不别没吗么?改错算]{0,4}$");
  private static final Pattern EMOJI = Pattern.compile("[\\p{So}\\x{FE0F}\\x{200D}]");
  /** At a free-text step only a plain question is one ("不晓得怎么说 反正水淹了" is the description). */
  private static final Pattern PLAIN_QUESTION = Pattern.compile("^(问一下|问一哈|问下|请问|想问|我想问)|(吗|呢|[??])$");
  /** A yes to the offer of the form ("要", "好的 帮我报一下"); "要不要…" is not one, nor 中 beginning 中华路街. */
  private static final Pattern TAKES_OFFER = Pattern.compile("^(要(?!不)|好|行|可以|嗯|是|对|中(?![\\p{IsHan}])|麻烦|帮我|给我|报|登记|申请)");
  /** Words before a yes to the offer: "那帮我报一下", "那就麻烦你帮我登记", "嗯嗯 那你帮我报". */
  private static final Pattern OFFER_LEAD_IN = Pattern.compile("^(?:(?:那|就|你|您|嗯|哦|噢|好吧|行吧)[\\s,,]*)+");
  private static final Pattern DECLINES_OFFER = Pattern.compile("不用|不要|不报|不了|算了|问问|先不");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{3,}");
  /** Sending a photo or a paper: what a promise for later must be about to answer the photo step. */
  private static final Pattern SENDING = Pattern.compile("拍|发|传|补|照片|图片|诊断|证明");
  /** "没错", "没有问题", "冇得问题", "无误": at the review, a yes. */
  private static final Pattern NO_PROBLEM = Pattern.compile("(?:没|冇|莫)(?:得|有)?(?:错|问题|毛病)|无误");
  /** "照片刚才发了", "前面发过了": the photos already sent are all. */
  private static final Pattern SENT_BEFORE = Pattern.compile("(刚才|刚刚|已经|之前|前面|上面|开始|开头)[^,,。]{0,3}发(过|了|的)|发过了");
  /** A no just after a photo that answers the step asked, not "no more photos": "不是", "户口不在武昌". */
  private static final Pattern NOT_ABOUT_PHOTOS = Pattern.compile("^不是|户口|户籍|武昌|本地|外地|不在");
  /** Words that ask, in a message the form could not read at all (Wuhan 么事 and 么样 included). */
  private static final Pattern ASKS_IN_WORDS = Pattern.compile("问一下|问一哈|问下|请问|想问|么事|么子|什么(?!都)|啥|哪|多久|多长时间|几天能|要几天|几天到|几多|好多|多少|几长|几时|几久|到账|到手|还是"
      + "|怎么|怎样|咋|为么|能不能|可不可以|要不要|是不是|算不算|有没有|行不行|[吗呢不么嘛][啊呀]?[??]?$|[??]");
  /** Words that ask, not counting what the resident says they do not know ("不晓得哪个把…"). */
  private static boolean asksInWords(String t) {
    return ASKS_IN_WORDS.matcher(ResidentWords.withoutNotKnowing(t)).find();
  }

  /** Part of an ID number or a phone: digits, and an X only at the end. */
  private static final Pattern NUMBER_PART = Pattern.compile("[0-9]{3,17}[xX]?");
  /** A yes to the offer this short holds nothing else to read ("要的", "好 帮我报"). */
  private static final int SHORT_YES = 5;
  /**
   * A few words asking back, then more that does not ask: the question said back is no question ("好多钱?先写四万";
   * "好多钱啊 估计六千", ended by a particle and a break).
   */
  private static final Pattern ECHOED_QUESTION = Pattern.compile(
      "^(?:[^??]{1,6}[??]+|[^??\\s]{1,5}[啊呀哦嘛哇哪呢撒嘞咧][\\s,,]+)\\s*([^??]+)$");
  /** Longer than this is no answer to a step of the form (the JSON channel refuses 2,000 already). */
  static final int MAX_CHARS = 500;
  /**
   * A message this short that only says again what the form has is an answer, even when the intent model takes it
   * for a topic ("身故"); a longer one that names a known peril may be a question ("民生保险火灾赔多少").
   */
  private static final int SHORT_ANSWER = 8;
  /** Failed answers to one step before the draft goes to the claims desk to call back. */
  static final int MISSES_BEFORE_CALLBACK = 3;

  private final ClaimDrafts drafts;
  private final ClaimStore claims;
  private final Clock clock;
  private final Replies replies;
  private final Conversations conversations;
  private final SlotReader reader;
  private final ClaimPrompts prompts;
  private final ClaimAttachments attachments;
  private final ClaimSubmission submission;
  private final ClaimRequests requests;
  private final FieldCipher cipher;

  public ClaimDialogue(Store store, Conversations conversations, ClaimStore claims, FieldCipher cipher, Policy policy,
      Clock clock, Replies replies, PhotoLinks photoLinks) {
    this.drafts = new ClaimDrafts(store, conversations, clock);
    this.claims = claims;
    this.clock = clock;
    this.replies = replies;
    this.conversations = conversations;
    this.reader = new SlotReader(policy, cipher, clock);
    this.prompts = new ClaimPrompts(replies, policy, cipher);
    this.attachments = new ClaimAttachments(drafts, claims, photoLinks, clock, replies);
    this.submission = new ClaimSubmission(drafts, claims, cipher, policy, clock, prompts);
    this.requests = new ClaimRequests(policy, reader);
    this.cipher = cipher;
  }

  /**
   * What the dialogue made of a message: a reply, or "not mine" (a digression the assistant answers, then
   * {@code currentQuestion} resumes the form). {@code handoffReason} names why a person takes over.
   */
  public record Outcome(Optional<String> reply, String currentQuestion, boolean handoff, String claimNo,
      String handoffReason) {
    static Outcome say(String text) {
      return new Outcome(Optional.of(text), null, false, null, null);
    }

    static Outcome digression(String question) {
      return new Outcome(Optional.empty(), question, false, null, null);
    }

    static Outcome handOver(String text, String reason) {
      return new Outcome(Optional.of(text), null, true, null, reason);
    }
  }

  /** Whether a message asks something, as the assistant reads it (see {@link #handle}). */
  public enum Asks { NOTHING, MAYBE, SURELY }

  /**
   * The insurer needs more (NEEDS_INFO): the resident's next messages and photos go to that claim until they say
   * they are done. Kept apart from a new claim the resident may be filing meanwhile.
   */
  public Future<Void> requestSupplement(String channel, String user, String claimNo) {
    return drafts.openSupplement(channel, user, claimNo, "more");
  }

  /**
   * A message that plainly asks to file a claim for a loss: it says 报案 or 理赔 (or the like) and names what
   * happened or what was lost, however much else it says (a name, an ID number, an address).
   */
  public boolean startsAClaim(String text) {
    return requests.startsAClaim(ResidentWords.normalize(text));
  }

  /** "见义勇为受伤了能不能申请民生保险 我想报": a loss, perhaps a question, and the wish to file said last. */
  public boolean wantsToFile(String text) {
    return requests.wantsToFile(ResidentWords.normalize(text));
  }

  /** "我家昨天被水淹了 这个要怎么报案": a covered loss of the resident's own, and how to file it. */
  public boolean asksHowToFileOwnLoss(String text) {
    return requests.asksHowToFileOwnLoss(ResidentWords.normalize(text));
  }

  /** "救人落了残疾 听说民生保险能赔": a covered loss of the resident's own, told without asking to file. */
  public boolean tellsOwnLoss(String text) {
    return requests.tellsOwnLoss(ResidentWords.normalize(text));
  }

  /**
   * Starts a claim from the message that asked for one (it may already say what happened); {@code howTo}: it asked
   * how, and is told in one line that the form is the way.
   */
  public Future<Outcome> start(String conversationId, String channel, String user, String text, boolean howTo) {
    Document draft = newDraft(conversationId, channel, user);
    // A photo sent just before asking to file ("[图片]", then "你看 烧成这样了 要报案") belongs to this claim.
    return conversations.keptImages(conversationId, PHOTOS_BEFORE).compose(images -> {
      if (!images.isEmpty()) {
        draft.put("attachments", new ArrayList<>(images.stream()
            .map(k -> attachments.item(k.getString("url"), "", ClaimAttachments.SOURCE_WECHAT)).toList()));
      }
      return continueWith(draft, text, howTo ? "startHowTo" : "start", Asks.NOTHING);
    });
  }

  /** How long before a claim is asked for a photo sent on the platform is taken to be for it. */
  private static final Duration PHOTOS_BEFORE = Duration.ofMinutes(30);

  /**
   * Offers the form for a loss the resident told without asking to file: the draft is kept from their message,
   * marked as offered, and the offer's words returned (empty when the message fills no claim; {@code afterAnswer}:
   * short, as an answer already said what is covered). A yes, or an answer
   * to the form, opens it; a no or anything else drops it (see {@link #offered}).
   */
  public Future<Optional<String>> offer(String conversationId, String channel, String user, String text,
      boolean afterAnswer) {
    Document draft = newDraft(conversationId, channel, user).append("offered", true);
    SlotReader.Reading r = reader.read(draft, null, ResidentWords.normalize(text));
    if (r.uncovered != null || draft.getString("peril") == null) {
      return Future.succeededFuture(Optional.empty());
    }
    String offer = afterAnswer ? line("offerShort") : prompts.offer(draft);
    return save(draft, DraftForm.nextMissing(draft), null).map(v -> Optional.of(offer));
  }

  private Document newDraft(String conversationId, String channel, String user) {
    return new Document("_id", conversationId).append("channel", channel).append("user", user)
        .append("createdAt", new Date(clock.millis()));
  }

  /**
   * Continues the resident's open claim with their message. {@code asks}: the assistant's reading of whether it
   * asks something — surely (it says so: 问一下, 吗…), so it is answered and not read as a free-text answer such as
   * the description; or maybe (the intent model is sure of a topic), so it is answered only when it fills nothing.
   */
  public Future<Outcome> handle(String conversationId, String text, Asks asks) {
    boolean aQuestion = asks == Asks.SURELY;
    return drafts.of(conversationId).compose(found -> {
      Optional<Document> draft = found.stream().filter(d -> conversationId.equals(d.getString("_id"))).findFirst();
      Optional<Document> supplement = found.stream().filter(d -> "supplement".equals(d.getString("kind"))).findFirst();
      Future<Optional<String>> taken = supplement.isPresent() && !aQuestion
          ? attachments.supplement(supplement.get(), ResidentWords.normalize(text))
          : Future.succeededFuture(Optional.empty());
      return taken.compose(said -> said.isPresent() ? Future.succeededFuture(Outcome.say(said.get()))
          : draft.isEmpty() ? Future.succeededFuture(Outcome.digression(null))
          : continueWith(draft.get(), text, null, asks));
    });
  }

  /**
   * A photo the resident sent on the platform is attached to the claim awaiting it or the draft being filled: what
   * to tell them, or empty when neither is open.
   */
  public Future<Optional<String>> attachPhoto(String conversationId, String url) {
    return drafts.supplementOf(conversationId).compose(supplement -> supplement.isPresent()
        ? attachments.platformPhotoTo(supplement.get(), url)
        : drafts.addAttachmentTo(conversationId, attachments.item(url, "", ClaimAttachments.SOURCE_WECHAT))
            .compose(draft -> draft.isEmpty() ? Future.succeededFuture(Optional.<String>empty())
                : photoKept(draft.get()).map(Optional::of)));
  }

  /**
   * A photo kept on the draft: at the photo step the form goes on at once (nobody has to say "no more photos"; more
   * are welcome at any later step and after submission); at another step that step is asked again, short. Only the
   * step's fields are set, so photos arriving together are all kept.
   */
  private Future<String> photoKept(Document draft) {
    int count = DraftForm.attachments(draft).size();
    Slot asked = Slot.valueOf(draft.getString("asked"));
    Document fields = new Document("misses", 0);
    String text;
    if (draft.getBoolean("offered", false)) {
      // The form is only offered: the photo is kept for it, the offer still stands.
      text = attachments.kept("photoKeptAside", count);
    } else if (asked == Slot.PHOTOS || asked.ordinal() > Slot.PHOTOS.ordinal() && !draft.getBoolean("photosDone", false)) {
      draft.put("photosDone", true);
      Slot next = DraftForm.nextMissing(draft);
      text = attachments.kept("photoKeptNext", count) + "\n" + prompts.question(next, draft, 0);
      fields.append("photosDone", true).append("asked", next.name());
    } else {
      text = attachments.kept("photoKeptAside", count) + "\n" + prompts.shortQuestion(asked, draft);
    }
    return drafts.set(draft.getString("_id"), fields.append("lastReply", text)).map(v -> text);
  }

  /** A photo from the platform (WeChat media): what to attach, or why it is refused. */
  public Parsed<String> platformPhoto(String mediaId, String picUrl) {
    return attachments.platformPhoto(mediaId, picUrl);
  }

  /** The drafts waiting for a call back, masked, for the claims desk (newest first). */
  public Future<List<JsonObject>> callbacks(int limit) {
    return drafts.callbacks(limit).map(list -> list.stream().map(d -> {
      Document cb = d.get("callback", Document.class);
      return new JsonObject().put("conversationId", d.getString("_id")).put("channel", d.getString("channel"))
          .put("at", cb.getDate("at").toInstant().toString()).put("step", cb.getString("step"))
          .put("summary", cb.getString("summary"));
    }).toList());
  }

  /** {@code startLine}: the message starts the claim, and this line of the replies leads the first question. */
  private Future<Outcome> continueWith(Document draft, String text, String startLine, Asks asks) {
    boolean starting = startLine != null;
    String said = ResidentWords.normalize(text);
    // "好多钱?我也不晓得 估计一万把块", "几多钱?先写四万": the step's question said back, then the answer to it.
    Matcher echoed = ECHOED_QUESTION.matcher(said);
    boolean echo = !starting && asks == Asks.SURELY && echoed.matches()
        && !asksInWords(echoed.group(1));
    boolean aQuestion = asks == Asks.SURELY && !echo;
    Slot asked = starting ? null : Slot.valueOf(draft.getString("asked"));
    String t = joinedWithFragment(draft, asked, echo ? echoed.group(1).strip() : said);
    if (t.codePointCount(0, t.length()) > MAX_CHARS) {
      // Changes nothing: not a draft started, not a slot filled.
      return Future.succeededFuture(Outcome.say(line("tooLong") + (asked == null ? "" : "\n" + prompts.shortQuestion(asked, draft))));
    }
    if (draft.getBoolean("offered", false)) {
      return offered(draft, asked, t, aQuestion);
    }
    ResidentWords.Answer answer = ResidentWords.answer(t);
    if (!starting) {
      boolean noMorePhotos = asked == Slot.PHOTOS && answer == ResidentWords.Answer.NO;
      if (!noMorePhotos && CANCEL.matcher(t).find()) {
        return delete(draft).map(v -> Outcome.say(line("cancelled")));
      }
      if (BACK.matcher(t).find()) {
        // After "记下了" and the same question, the resident believes this step was taken: back is this step again.
        boolean thisStep = asked != null && String.valueOf(draft.getString("lastReply")).startsWith(line("noted"));
        Slot previous = thisStep ? asked : DraftForm.previous(asked == null ? Slot.CONFIRM : asked);
        DraftForm.clear(draft, previous);
        draft.put("misses", 0);
        return save(draft, previous, null).map(v -> Outcome.say(prompts.question(previous, draft, 0)));
      }
      if (HUMAN.matcher(t).find()) {
        return handOver(draft, asked, "humanWithDraft", "claim_person_requested");
      }
      List<String> links = PhotoLinks.sentAsPhotos(t);
      if (links.isEmpty()) {
        // "这是两张 https://… https://… 物业的证明过几天发": the promise of more beside the links is not a story.
        links = PhotoLinks.sentAsPhotos(withoutPromise(t));
      }
      if (!links.isEmpty()) {
        return links(draft, asked, links, t);
      }
      if (asked.ordinal() > Slot.PHOTOS.ordinal() && (ClaimAttachments.DONE.matcher(t).find()
          || answer == ResidentWords.Answer.NO && !NOT_ABOUT_PHOTOS.matcher(t).find())
          && attachments.justKept(draft.getString("lastReply"))) {
        // "没有了", "就这三张" just after a photo: the end of the photos, not an answer to the step that followed.
        return next(draft, line("photosEnded"), List.of(), List.of());
      }
      Future<Outcome> step = SlotReader.corrects(t) ? null : stepAnswer(draft, asked, t, answer);
      if (step != null) {
        return step;
      }
      boolean freeText = asked == Slot.DESCRIPTION || asked == Slot.COMMUNITY;
      // "…我爸腿脚不好冇跑出来 消防来的时候已经晚了": what happened, told at the photo or household step, is no
      // question even when the intent model hears one in it.
      boolean story = reader.storyAtAYesNoStep(asked, t) && !asksInWords(t);
      if (aQuestion && !story && !DIGITS.matcher(t).find() && !SlotReader.corrects(t)
          && (!freeText || PLAIN_QUESTION.matcher(t).find())) {
        return save(draft, asked, null).map(v -> Outcome.digression(prompts.shortQuestion(asked, draft)));
      }
    }
    SlotReader.Reading r = reader.read(draft, asked, t);
    if (r.uncovered != null) {
      return delete(draft).map(v -> Outcome.say(r.uncovered.explanation()));
    }
    boolean saidAgain = r.known && (asks != Asks.MAYBE || t.replaceAll("[\\s\\p{P}]", "").length() <= SHORT_ANSWER);
    if (!starting && !r.tookSomething() && r.problems.isEmpty() && saidAgain) {
      // "就是前天", "房子" once the house is known: said again, not a failed answer; the step is asked again.
      return next(draft, line("noted"), List.of(), List.of());
    }
    if (!starting && !r.tookSomething() && (r.problems.isEmpty() || !DIGITS.matcher(t).find() && asksInWords(t))
        && (asks == Asks.MAYBE || asksInWords(t))) {
      // A question the assistant's reading missed ("伤残鉴定要带么事材料啊", "大概多久能赔下来"): answered, the step
      // asked again — at the photo step and the review as at any other.
      return save(draft, asked, null).map(v -> Outcome.digression(prompts.shortQuestion(asked, draft)));
    }
    if (!starting && !r.tookSomething() && r.problems.isEmpty() && asked.ordinal() < Slot.PHOTOS.ordinal()
        && answer == ResidentWords.Answer.LATER && SENDING.matcher(t).find()) {
      // "等我女婿晚上拍了发你" before the photo step: the photos are promised for later, and this step asked again.
      draft.put("photosDone", true);
      draft.put("documentsLater", true);
      return next(draft, line("documentsLater"), List.of(), List.of());
    }
    if (!starting && !r.tookSomething()) {
      return missed(draft, asked, r.problems);
    }
    if (!starting && asked.ordinal() < Slot.PHOTOS.ordinal() && !r.filled.contains(asked) && !r.corrected
        && !r.storyAdded && DraftForm.nextMissing(draft) == asked
        && r.filled.stream().anyMatch(s -> s.ordinal() > asked.ordinal())) {
      // The resident answers the next steps instead: take them and come back to this one when the rest is in. One
      // catching up on a step asked before ("大前天晚上" once the street is asked) gets this step asked again.
      DraftForm.setAside(draft, asked);
    }
    if (r.injuryAsDisability) {
      r.notes.add(line("injuryAsDisability"));
    }
    if (!starting && asked.ordinal() < Slot.PHOTOS.ordinal() && ResidentWords.promisesDocumentsLater(t)) {
      // "两千五 照片明天拍了发": the photos promised for later beside the answer asked.
      draft.put("photosDone", true);
      draft.put("documentsLater", true);
      r.notes.add(line("documentsLater"));
    } else if (!starting && asked.ordinal() < Slot.PHOTOS.ordinal() && ResidentWords.saysNoPhoto(t)) {
      // "大概一万二 照片冇拍": the photo step is answered beside the one asked.
      draft.put("photosDone", true);
    }
    draft.put("misses", 0);
    String lead = starting ? line(startLine) : r.storyAdded ? line("storyKept") : r.corrected ? line("corrected")
        : DraftForm.nextMissing(draft) == asked ? line("noted") : null;
    return next(draft, lead, r.problems, r.notes);
  }

  /**
   * The resident's answer to the offer of the form: a yes, or an answer the form can take ("伤残", "11月3号"),
   * opens it; a no drops the draft with a short reply; anything else (a question, another subject) drops it and
   * goes to the assistant.
   */
  private Future<Outcome> offered(Document draft, Slot asked, String t, boolean aQuestion) {
    // "要么样报": asking how to file, offered the form, is a yes.
    boolean yes = TAKES_OFFER.matcher(t).find() || TAKES_OFFER.matcher(OFFER_LEAD_IN.matcher(t).replaceFirst("")).find()
        || ClaimRequests.CLAIM_WORDS.matcher(t).find() || ClaimRequests.FILE_IT.matcher(t).find()
        || ClaimRequests.HOW_TO_FILE.matcher(t).find();
    if (!yes && (DECLINES_OFFER.matcher(t).find() || ResidentWords.answer(t) == ResidentWords.Answer.NO)) {
      return delete(draft).map(v -> Outcome.say(line("offerDeclined")));
    }
    // "报 昨天下午着的火": a yes with an answer in it is read too.
    SlotReader.Reading r = aQuestion || yes && t.length() <= SHORT_YES ? null : reader.read(draft, asked, t);
    if (yes || r != null && r.uncovered == null && (r.tookSomething() || r.known || reader.namesALoss(t))) {
      draft.remove("offered");
      boolean took = r != null && r.uncovered == null && (!yes || r.tookSomething());
      return next(draft, line("start"), took ? r.problems : List.of(), took ? r.notes : List.of());
    }
    return delete(draft).map(v -> Outcome.digression(null));
  }

  /** The yes/no/later steps (photos, household, confirmation) in the resident's words; null: not such an answer. */
  private Future<Outcome> stepAnswer(Document draft, Slot asked, String t, ResidentWords.Answer answer) {
    switch (asked) {
      case PHOTOS -> {
        if (answer == ResidentWords.Answer.LATER) {
          draft.put("photosDone", true);
          draft.put("documentsLater", true);
          return householdToo(draft, t, line("documentsLater"));
        }
        if (answer == ResidentWords.Answer.NO || ClaimAttachments.DONE.matcher(t).find() || t.contains("跳过")
            || !DraftForm.attachments(draft).isEmpty() && SENT_BEFORE.matcher(t).find()) {
          draft.put("photosDone", true);
          return householdToo(draft, t, null);
        }
        if (answer == ResidentWords.Answer.YES && t.length() <= 4) {
          return save(draft, asked, null).map(v -> Outcome.say(line("photosHow")));
        }
      }
      case AMOUNT -> {
        List<String> losses = new ArrayList<>(draft.getList("losses", String.class, List.of()));
        if (losses.size() > 1 && !reader.declinedLosses(t, losses).isEmpty()) {
          // "房子就不报了 只报我妈的 十万": the loss the clause names is dropped, and the rest read (SlotReader).
          return null;
        }
        if (losses.size() > 1 && (answer == ResidentWords.Answer.NO || LossWords.NOT_CLAIMED.matcher(t).find())) {
          // "没有", "房子不用报": this loss is not claimed; the others are.
          losses.remove(DraftForm.nextLossWithoutAmount(draft));
          draft.put("losses", losses);
          return next(draft, line("lossDropped"), List.of(), List.of());
        }
        return null;
      }
      case HOUSEHOLD -> {
        return household(draft, ResidentWords.household(t), null);
      }
      case CONFIRM -> {
        // "没错 提交", "冇得问题 交咯": a no-problem is a yes, whatever else it holds.
        String said = NO_PROBLEM.matcher(EMOJI.matcher(t).replaceAll("")).replaceAll("好").strip();
        if (CONFIRM.matcher(said).find() || CONFIRM_WORDED.matcher(said).find()
            || answer == ResidentWords.Answer.YES && t.length() <= 4) {
          return submission.confirm(draft);
        }
      }
      default -> {
      }
    }
    return null;
  }

  /**
   * The photo step answered, and the household with it ("照片刚才发过了 户口是武昌的"): both are taken; a household
   * elsewhere goes to a person as at its own step.
   */
  private Future<Outcome> householdToo(Document draft, String t, String lead) {
    Future<Outcome> both = household(draft, ResidentWords.householdSaidToo(t), lead);
    return both != null ? both : next(draft, lead, List.of(), List.of());
  }

  /** The household answered: a yes goes on, a household elsewhere goes to a person; null: not answered. */
  private Future<Outcome> household(Document draft, ResidentWords.Answer household, String lead) {
    if (household == ResidentWords.Answer.NO) {
      return delete(draft).map(v -> Outcome.handOver(line("notRegistered"), "claim_needs_person"));
    }
    if (household == ResidentWords.Answer.YES) {
      draft.put("registered", true);
      return next(draft, lead, List.of(), List.of());
    }
    return null;
  }

  /** The next missing slot asked, after what the message filled ({@code lead}, problems and notes first). */
  private Future<Outcome> next(Document draft, String lead, List<String> problems, List<String> notes) {
    draft.put("misses", 0);
    Slot next = DraftForm.nextMissing(draft);
    StringBuilder reply = new StringBuilder();
    if (lead != null) {
      reply.append(lead).append('\n');
    }
    problems.forEach(p -> reply.append(p).append('\n'));
    notes.forEach(n -> reply.append(n).append('\n'));
    reply.append(prompts.question(next, draft, 0));
    String text = prompts.avoidingRepeat(reply.toString().strip(), draft.getString("lastReply"), next, draft);
    return save(draft, next, text).map(v -> Outcome.say(text));
  }

  /**
   * An ID number or a phone typed in two messages by an elderly resident ("4201061960", then "0814886X"): a part too
   * short, kept sealed on the draft, is joined to the next part when the two make the whole length.
   */
  private String joinedWithFragment(Document draft, Slot asked, String t) {
    String sealed = draft.getString("fragment");
    draft.remove("fragment");
    String digits = t.replaceAll("[\\s-]", "");
    int whole = asked == Slot.ID_NUMBER ? 18 : asked == Slot.PHONE ? 11 : 0;
    if (whole == 0 || !NUMBER_PART.matcher(digits).matches()) {
      return t;
    }
    if (sealed != null && cipher.decrypt(sealed).length() + digits.length() == whole) {
      return cipher.decrypt(sealed) + digits;
    }
    if (digits.length() < whole) {
      draft.put("fragment", cipher.encrypt(digits));
    }
    return t;
  }

  /**
   * An answer the step cannot take: asked again with an example, then in other words with the offer of a person;
   * the third time the draft goes to the claims desk to call back and the resident is told. Nothing is filled.
   */
  private Future<Outcome> missed(Document draft, Slot asked, List<String> problems) {
    int misses = draft.getInteger("misses", 0) + 1;
    if (misses >= MISSES_BEFORE_CALLBACK) {
      draft.put("misses", 0);
      String reason = problems.isEmpty() ? "" : problems.get(0) + "\n";
      return handOver(draft, asked, null, "claim_callback").map(o -> Outcome.handOver(reason + line("callback"),
          "claim_callback"));
    }
    draft.put("misses", misses);
    StringBuilder reply = new StringBuilder();
    problems.forEach(p -> reply.append(p).append('\n'));
    reply.append(prompts.question(asked, draft, misses));
    String text = prompts.avoidingRepeat(reply.toString().strip(), draft.getString("lastReply"), asked, draft);
    return save(draft, asked, text).map(v -> Outcome.say(text));
  }

  /**
   * A person takes over with the draft kept: its masked summary goes on the conversation for the operators'
   * inbox, and for a call back ({@code line} null) on the draft for the claims desk.
   */
  private Future<Outcome> handOver(Document draft, Slot asked, String line, String reason) {
    String summary = prompts.partialSummary(draft, asked);
    if (line == null) {
      draft.put("callback", new Document("at", new Date(clock.millis())).append("step", asked == null ? "PERIL"
          : asked.name()).append("summary", summary));
    }
    return save(draft, asked, null)
        .compose(v -> conversations.attachDraft(draft.getString("_id"), summary, reason))
        .map(v -> Outcome.handOver(line == null ? "" : line(line), reason));
  }

  /**
   * Links sent as photos or documents (one or more with a few words): all kept as the resident's attachments, or,
   * when one is refused, none, with the reason, and nothing else changes. The pending step is asked again.
   */
  private Future<Outcome> links(Document draft, Slot asked, List<String> links, String said) {
    List<Document> items = new ArrayList<>(draft.getList("attachments", Document.class, List.of()));
    for (String link : links) {
      Parsed<String> checked = attachments.typed(link);
      if (checked instanceof Parsed.Invalid<String> refused) {
        // A refused link is a failed answer like any other: nothing is kept, and the repair ladder goes on.
        return missed(draft, asked, List.of(refused.reasonForResident()));
      }
      items.add(attachments.item(checked.orElseThrow(), said, ClaimAttachments.SOURCE_LINK));
    }
    draft.put("attachments", items);
    int count = DraftForm.attachments(draft).size();
    // "照片 https://…/1.jpg 还有几张后面补": these are kept, and more are promised for later.
    boolean moreLater = ResidentWords.answer(said.replaceAll("https?://\\S+", " ")) == ResidentWords.Answer.LATER;
    if (moreLater) {
      draft.put("documentsLater", true);
    }
    List<String> notes = moreLater ? List.of(line("documentsLater")) : List.of();
    if (asked == Slot.PHOTOS) {
      draft.put("photosDone", true);
      return next(draft, attachments.kept("photoKeptNext", count), List.of(), notes);
    }
    String text = attachments.kept("photoKeptAside", count) + "\n" + prompts.shortQuestion(asked, draft);
    return save(draft, asked, text).map(v -> Outcome.say(text));
  }

  /** The message without its clauses that promise something later (each judged alone, links kept). */
  private static String withoutPromise(String t) {
    StringBuilder kept = new StringBuilder();
    for (String clause : t.split("[\\s,,。;;]+")) {
      if (clause.contains("://") || ResidentWords.answer(clause) != ResidentWords.Answer.LATER) {
        kept.append(clause).append(' ');
      }
    }
    return kept.toString().strip();
  }

  /** The claims desk's flag on a claim filed although the resident was told of an earlier one (its number follows). */
  public static final String POSSIBLE_DUPLICATE = "POSSIBLE_DUPLICATE:";

  /**
   * The resident's claims in plain words, for "我的理赔怎么样了"; a claim number in the message narrows it to that
   * claim. Only the resident's own claims are shown.
   */
  public Future<String> statusOf(String channel, String user, String text) {
    Matcher number = CLAIM_NO.matcher(text.toUpperCase(java.util.Locale.ROOT));
    String wanted = number.find() ? number.group() : null;
    return claims.ofResident(channel + ":" + user).map(all -> {
      List<Claim> list = wanted == null ? all : all.stream().filter(c -> c.claimNo().equals(wanted)).toList();
      if (list.isEmpty()) {
        return wanted == null ? line("noClaims") : line("noSuchClaim").replace("{claimNo}", wanted);
      }
      StringBuilder s = new StringBuilder(line("statusHeader"));
      for (Claim c : list) {
        s.append('\n').append(c.claimNo()).append(":").append(statusWords(c.status().name()));
      }
      return s.toString();
    });
  }

  @SuppressWarnings("unchecked")
  private String statusWords(String status) {
    Object statuses = replies.section("claim").get("statuses");
    return statuses instanceof Map<?, ?> m && m.get(status) != null ? String.valueOf(m.get(status)) : status;
  }

  /** Keeps the draft with the step asked next and the reply given ({@code said}; null when the assistant words it). */
  private Future<Void> save(Document d, Slot asked, String said) {
    d.put("lastReply", said);
    return drafts.save(d, (asked == null ? Slot.PERIL : asked).name());
  }

  private Future<Void> delete(Document d) {
    return drafts.delete(d);
  }

  private String line(String key) {
    return String.valueOf(replies.section("claim").get(key));
  }
}
