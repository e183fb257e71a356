package minsheng.dialogue;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.IdNumber;
import minsheng.claims.IncidentDates;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Parsed;
import minsheng.claims.PersonalData;
import minsheng.claims.PhotoLinks;
import minsheng.claims.Peril;
import minsheng.claims.PerilClassifier;
import minsheng.claims.PhoneNumber;
import minsheng.claims.Policy;
import minsheng.claims.Street;
import minsheng.store.FieldCipher;
import minsheng.store.Reactive;
import minsheng.store.Store;
import org.bson.Document;

/**
 * The claim-intake conversation: a form filled in the resident's own words. Every message is read for every
 * slot at once (我叫张三 电话13812345678 fills two), a later value replaces an earlier one (corrections), and the
 * next missing slot is asked for. The draft lives in MongoDB for 7 days — one per resident, personal data
 * sealed — so it survives a break and a restart. A message that fills nothing is handed back to the assistant
 * as a digression, and the form resumes after the answer.
 */
public final class ClaimDialogue {
  private static final Duration DRAFT_LIFETIME = Duration.ofDays(7);
  private static final Pattern CANCEL = Pattern.compile("^(算了|不报了|算了不报了|取消|不要了|不弄了|退出)");
  private static final String SUPPLEMENT = "supplement:";
  private static final Pattern DONE = Pattern.compile("^(好了|好的了|没有了|没了|完了|发完了|就这些|就这样|完成)");
  private static final Pattern BACK = Pattern.compile("^(上一步|返回|退回|回到上一步|改上一个|上一个)");
  private static final Pattern CLAIM_NO = Pattern.compile("[A-Z]{1,6}-\\d{4}-\\d{6}");
  private static final Pattern CONFIRM = Pattern.compile("^(确认|确认提交|提交|没问题|对的?|是的?|好的?)[!!。.]*$");
  private static final Pattern YES = Pattern.compile("^(是|是的|对|对的|在|在武昌|嗯|有|是武昌)");
  private static final Pattern NO = Pattern.compile("^(不是|不在|没有|否|不)");
  private static final Pattern NAME = Pattern.compile("(?:我叫|名字叫|名字是|姓名是?|叫)\\s*([\\u4e00-\\u9fa5·]{2,5}?)(?=[,,。\\s]|电话|手机|身份证|$)");
  private static final Pattern PHOTO_URL = Pattern.compile("https?://[^\\s]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern BARE_NAME = Pattern.compile("^[\\u4e00-\\u9fa5·]{2,5}$");

  /** The slots, in the order they are asked for. */
  enum Slot { PERIL, LOSSES, DATE, STREET, COMMUNITY, NAME, ID_NUMBER, PHONE, AMOUNT, DESCRIPTION, PHOTOS, HOUSEHOLD, CONFIRM }

  private final MongoCollection<Document> drafts;
  /** The drafts again, for the deletion that follows a submit (see {@link #submit}). */
  private final MongoCollection<Document> draftsDurably;
  private final Conversations conversations;
  private final ClaimStore claims;
  private final FieldCipher cipher;
  private final Policy policy;
  private final PerilClassifier perils;
  private final Clock clock;
  private final Replies replies;
  private final PhotoLinks photoLinks;

  public ClaimDialogue(Store store, Conversations conversations, ClaimStore claims, FieldCipher cipher, Policy policy,
      Clock clock, Replies replies, PhotoLinks photoLinks) {
    this.drafts = store.collection("claim_drafts");
    this.draftsDurably = store.durableCollection("claim_drafts");
    this.conversations = conversations;
    this.claims = claims;
    this.cipher = cipher;
    this.policy = policy;
    this.perils = policy.perilClassifier();
    this.clock = clock;
    this.replies = replies;
    this.photoLinks = photoLinks;
  }

  /** What the dialogue made of a message: a reply, or "not mine" (a digression the assistant answers). */
  public record Outcome(Optional<String> reply, String currentQuestion, boolean handoff, String claimNo) {
    static Outcome say(String text) {
      return new Outcome(Optional.of(text), null, false, null);
    }

    static Outcome digression(String question) {
      return new Outcome(Optional.empty(), question, false, null);
    }
  }

  /**
   * The insurer needs more (NEEDS_INFO): the resident's next messages and photos go to that claim until they say
   * they are done. Kept apart from a new claim the resident may be filing meanwhile.
   */
  public Future<Void> requestSupplement(String channel, String user, String claimNo) {
    String id = SUPPLEMENT + Conversations.conversationId(channel, user);
    Document d = new Document("_id", id).append("kind", "supplement").append("claimNo", claimNo)
        .append("channel", channel).append("user", user)
        .append("expireAt", new Date(clock.millis() + DRAFT_LIFETIME.toMillis()));
    return Reactive.first(drafts.replaceOne(Filters.eq("_id", id), d, new ReplaceOptions().upsert(true)))
        .compose(r -> conversations.markClaimOpen(conversationOf(id), true));
  }

  private Future<Outcome> supplement(Document d, String text) {
    String claimNo = d.getString("claimNo");
    if (DONE.matcher(text).find()) {
      return delete(d).map(v -> Outcome.say(line("supplementDone").replace("{claimNo}", claimNo)));
    }
    Optional<String> link = PhotoLinks.sentAsPhoto(text);
    if (link.isEmpty()) {
      // Words, links among them, are words: they go to the description.
      return claims.addToDescription(claimNo, PersonalData.mask(text)).map(v -> Outcome.say(line("supplementKept")));
    }
    Parsed<String> photo = photoLinks.typed(link.get());
    if (photo instanceof Parsed.Invalid<String> refused) {
      return Future.succeededFuture(Outcome.say(refused.reasonForResident()));
    }
    return claims.addAttachment(claimNo, new Claim.Attachment("image", photo.orElseThrow()))
        .map(v -> Outcome.say(line("supplementKept")));
  }

  /** Starts a claim from the message that asked for one (it may already say what happened). */
  public Future<Outcome> start(String conversationId, String channel, String user, String text) {
    Document draft = new Document("_id", conversationId).append("channel", channel).append("user", user)
        .append("createdAt", new Date(clock.millis()));
    return continueWith(draft, text, true, false);
  }

  /**
   * Continues the resident's open claim with their message. {@code aQuestion} says the message asks something
   * (the assistant's reading), so it is not taken as a free-text answer such as the description.
   */
  public Future<Outcome> handle(String conversationId, String text, boolean aQuestion) {
    return Reactive.all(drafts.find(Filters.in("_id", conversationId, SUPPLEMENT + conversationId))).compose(found -> {
      Optional<Document> supplement = found.stream().filter(d -> "supplement".equals(d.getString("kind"))).findFirst();
      if (supplement.isPresent() && !aQuestion) {
        return supplement(supplement.get(), text.strip());
      }
      Optional<Document> draft = found.stream().filter(d -> conversationId.equals(d.getString("_id"))).findFirst();
      return draft.isEmpty() ? Future.succeededFuture(Outcome.digression(null))
          : continueWith(draft.get(), text, false, aQuestion);
    });
  }

  /** A photo the resident sent while a claim is open is attached to it. */
  public Future<Boolean> attachPhoto(String conversationId, String url) {
    return Reactive.first(drafts.find(Filters.eq("_id", SUPPLEMENT + conversationId)).first()).compose(supplement -> {
      if (supplement.isPresent()) {
        return claims.addAttachment(supplement.get().getString("claimNo"), new Claim.Attachment("image", url)).map(true);
      }
      return Reactive.first(drafts.updateOne(Filters.eq("_id", conversationId),
              new Document("$push", new Document("photos", url))))
          .map(r -> r.isPresent() && r.get().getMatchedCount() > 0);
    });
  }

  private Future<Outcome> continueWith(Document draft, String text, boolean starting, boolean aQuestion) {
    String t = text.strip();
    if (!starting && CANCEL.matcher(t).find()) {
      return delete(draft).map(v -> Outcome.say(line("cancelled")));
    }
    Slot asked = starting ? null : Slot.valueOf(draft.getString("asked"));
    if (!starting && BACK.matcher(t).find()) {
      Slot previous = previous(asked == null ? Slot.CONFIRM : asked);
      clear(draft, previous);
      return save(draft, previous).map(v -> Outcome.say(question(previous, draft)));
    }
    if (asked == Slot.PHOTOS) {
      Optional<String> link = PhotoLinks.sentAsPhoto(t);
      if (link.isPresent()) {
        return photoLink(draft, link.get());
      }
    }
    List<String> notes = new ArrayList<>();
    String reask = null;
    boolean filled = false;

    // What happened: a covered peril, or one the policy does not cover (explained, and the draft dropped).
    PerilClassifier.Result peril = perils.classify(t);
    if (peril instanceof PerilClassifier.Covered c) {
      draft.put("peril", c.peril().name());
      filled = true;
    } else if (peril instanceof PerilClassifier.Uncovered u && draft.getString("peril") == null) {
      return delete(draft).map(v -> new Outcome(Optional.of(u.explanation()), null, false, null));
    }
    Set<LossType> losses = perils.lossTypes(t);
    if (!losses.isEmpty()) {
      draft.put("losses", losses.stream().map(Enum::name).toList());
      filled = true;
    }
    IncidentDates dates = policy.incidentDates(clock);
    Optional<Parsed<LocalDate>> date = dates.find(t);
    if (date.isPresent()) {
      if (date.get() instanceof Parsed.Ok<LocalDate> ok) {
        draft.put("incidentDate", ok.value().toString());
        filled = true;
      } else {
        reask = date.get().reason().orElseThrow();
      }
    }
    Optional<Street> street = policy.streets().find(t);
    if (street.isPresent()) {
      draft.put("street", street.get().name());
      filled = true;
      // "中南路街 梅苑小区5栋": what follows the street, when it names a place, is the community and address.
      communityAfter(t, street.get()).ifPresent(c -> draft.put("community", c));
    }
    Optional<Parsed<IdNumber>> id = findIdNumber(t, dates.today());
    if (id.isPresent()) {
      if (id.get() instanceof Parsed.Ok<IdNumber> ok) {
        draft.put("idSealed", cipher.encrypt(ok.value().value()));
        filled = true;
      } else {
        reask = id.get().reason().orElseThrow();
      }
    }
    String withoutId = (id.isPresent() ? t.replaceAll("[0-9xX]{15,18}", " ") : t).replaceAll("https?://\\S+", " ");
    Optional<Parsed<PhoneNumber>> phone = PhoneNumber.find(withoutId);
    if (phone.isPresent()) {
      if (phone.get() instanceof Parsed.Ok<PhoneNumber> ok) {
        draft.put("phoneSealed", cipher.encrypt(ok.value().value()));
        filled = true;
      } else if (asked == Slot.PHONE) {
        reask = phone.get().reason().orElseThrow();
      }
    } else if (asked == Slot.PHONE && id.isEmpty() && looksLikeAnAttempt(t, 5)) {
      reask = PhoneNumber.parse(t).reason().orElse(null);
    }
    if (asked == Slot.ID_NUMBER && id.isEmpty() && phone.isEmpty() && looksLikeAnAttempt(t, 8)) {
      reask = IdNumber.parse(t, dates.today()).reason().orElse(null);
    }
    Matcher name = NAME.matcher(t);
    if (name.find()) {
      draft.put("name", name.group(1));
      filled = true;
    } else if (asked == Slot.NAME && BARE_NAME.matcher(t).matches()) {
      draft.put("name", t);
      filled = true;
    }
    if (asked == Slot.AMOUNT || (asked != null && draft.get("losses") != null && phone.isEmpty() && id.isEmpty()
        && t.matches(".*(元|块|万|千|百).*"))) {
      String lossNeedingAmount = nextLossWithoutAmount(draft);
      Optional<Parsed<Money>> money = Money.find(t);
      if (lossNeedingAmount != null && money.isPresent()) {
        if (money.get() instanceof Parsed.Ok<Money> ok) {
          amounts(draft).put(lossNeedingAmount, ok.value().amount().toPlainString());
          filled = true;
          LossType type = LossType.valueOf(lossNeedingAmount);
          if (policy.isOverCap(type, ok.value())) {
            notes.add(policy.overCapNotice(type, ok.value()));
          }
        } else {
          reask = money.get().reason().orElseThrow();
        }
      } else if (asked == Slot.AMOUNT && !filled && t.matches(".*[0-9零一二两三四五六七八九十百千万].*")) {
        reask = Money.parse(t).reason().orElse(null);
      }
    }
    // Free-text answers are taken whole, whatever else the words also matched (暴雨 in a description).
    if (reask == null && !aQuestion && (asked == Slot.COMMUNITY || asked == Slot.DESCRIPTION)
        && !PHOTO_URL.matcher(t).matches()
        && !(asked == Slot.COMMUNITY && street.isPresent() && t.length() <= street.get().name().length() + 1)) {
      draft.put(asked == Slot.COMMUNITY ? "community" : "description", t);
      filled = true;
    }
    if (!filled && reask == null && asked != null) {
      switch (asked) {
        case PHOTOS -> {
          if (NO.matcher(t).find() || t.contains("没") || t.contains("跳过") || t.equals("无")) {
            draft.put("photosDone", true);
            filled = true;
          }
        }
        case HOUSEHOLD -> {
          if (NO.matcher(t).find()) {
            return delete(draft).map(v -> new Outcome(Optional.of(line("notRegistered")), null, true, null));
          }
          if (YES.matcher(t).find()) {
            draft.put("registered", true);
            filled = true;
          }
        }
        case CONFIRM -> {
          if (CONFIRM.matcher(t).find()) {
            return confirm(draft);
          }
        }
        default -> {
        }
      }
    }
    if (!filled && reask == null && !starting) {
      // Not an answer to the form: the assistant answers it, then the form resumes.
      return save(draft, asked).map(v -> Outcome.digression(question(asked, draft)));
    }
    Slot next = nextMissing(draft);
    StringBuilder reply = new StringBuilder();
    if (starting) {
      reply.append(line("start")).append('\n');
    }
    if (reask != null) {
      reply.append(reask).append('\n');
    }
    notes.forEach(n -> reply.append(n).append('\n'));
    reply.append(question(next, draft));
    return save(draft, next).map(v -> Outcome.say(reply.toString().strip()));
  }

  /**
   * A link sent as a photo at the step that asks for photos (the JSON channel's way of sending one): attached, or
   * refused with the reason and the same question, and then nothing else in the draft changes.
   */
  private Future<Outcome> photoLink(Document draft, String link) {
    Parsed<String> photo = photoLinks.typed(link);
    if (photo instanceof Parsed.Invalid<String> refused) {
      return Future.succeededFuture(Outcome.say(refused.reasonForResident() + "\n" + question(Slot.PHOTOS, draft)));
    }
    List<String> photos = new ArrayList<>(draft.getList("photos", String.class, List.of()));
    photos.add(photo.orElseThrow());
    draft.put("photos", photos);
    return save(draft, Slot.PHOTOS).map(v -> Outcome.say(line("photoKept")));
  }

  /** A photo from the platform (WeChat media): what to attach, or why it is refused. */
  public Parsed<String> platformPhoto(String mediaId, String picUrl) {
    return photoLinks.wechat(mediaId, picUrl);
  }

  private static final Pattern PLACE = Pattern.compile("社区|小区|栋|单元|号|室|村|院|楼");

  private static Optional<String> communityAfter(String text, Street street) {
    int end = -1;
    List<String> spellings = new ArrayList<>(street.spellings());
    spellings.add(0, street.name());
    spellings.sort((a, b) -> b.length() - a.length());
    for (String w : spellings) {
      int i = text.indexOf(w);
      if (i >= 0) {
        end = i + w.length();
        break;
      }
    }
    if (end < 0) {
      return Optional.empty();
    }
    String rest = text.substring(end).replaceFirst("^[街道的\\s,,]+", "").strip();
    return PLACE.matcher(rest).find() && rest.length() >= 2 ? Optional.of(rest) : Optional.empty();
  }

  /** An ID number given on its own or among other numbers (a phone number before it, say). */
  private static Optional<Parsed<IdNumber>> findIdNumber(String text, LocalDate today) {
    for (String part : text.split("[\\s,,。;;、]+")) {
      Optional<Parsed<IdNumber>> found = IdNumber.find(part, today);
      if (found.isPresent() && found.get().isOk()) {
        return found;
      }
    }
    return IdNumber.find(text, today);
  }

  /** Enough digits that the resident was trying to give a number (else the message is about something else). */
  private static boolean looksLikeAnAttempt(String text, int minDigits) {
    return text.chars().filter(c -> Character.isDigit(c) || c == 'x' || c == 'X').count() >= minDigits;
  }

  /** The slot asked just before {@code slot} in the form's order (the first stays the first). */
  private static Slot previous(Slot slot) {
    return Slot.values()[Math.max(0, slot.ordinal() - 1)];
  }

  private static void clear(Document d, Slot slot) {
    switch (slot) {
      case PERIL -> d.remove("peril");
      case LOSSES -> {
        d.remove("losses");
        d.remove("amounts");
      }
      case DATE -> d.remove("incidentDate");
      case STREET -> d.remove("street");
      case COMMUNITY -> d.remove("community");
      case NAME -> d.remove("name");
      case ID_NUMBER -> d.remove("idSealed");
      case PHONE -> d.remove("phoneSealed");
      case AMOUNT -> d.remove("amounts");
      case DESCRIPTION -> d.remove("description");
      case PHOTOS -> d.remove("photosDone");
      case HOUSEHOLD -> d.remove("registered");
      case CONFIRM -> {
      }
    }
  }

  private Slot nextMissing(Document d) {
    if (d.getString("peril") == null) {
      return Slot.PERIL;
    }
    if (d.get("losses") == null) {
      return Slot.LOSSES;
    }
    if (d.getString("incidentDate") == null) {
      return Slot.DATE;
    }
    if (d.getString("street") == null) {
      return Slot.STREET;
    }
    if (d.getString("community") == null) {
      return Slot.COMMUNITY;
    }
    if (d.getString("name") == null) {
      return Slot.NAME;
    }
    if (d.getString("idSealed") == null) {
      return Slot.ID_NUMBER;
    }
    if (d.getString("phoneSealed") == null) {
      return Slot.PHONE;
    }
    if (nextLossWithoutAmount(d) != null) {
      return Slot.AMOUNT;
    }
    if (d.getString("description") == null) {
      return Slot.DESCRIPTION;
    }
    if (!d.getBoolean("photosDone", false)) {
      return Slot.PHOTOS;
    }
    if (!d.getBoolean("registered", false)) {
      return Slot.HOUSEHOLD;
    }
    return Slot.CONFIRM;
  }

  private String question(Slot slot, Document d) {
    if (slot == null) {
      return "";
    }
    return switch (slot) {
      case PERIL -> line("askPeril");
      case LOSSES -> line("askLosses");
      case DATE -> line("askDate");
      case STREET -> line("askStreet");
      case COMMUNITY -> line("askCommunity");
      case NAME -> line("askName");
      case ID_NUMBER -> line("askIdNumber");
      case PHONE -> line("askPhone");
      case AMOUNT -> line("askAmount").replace("{loss}", policy.label(LossType.valueOf(nextLossWithoutAmount(d))));
      case DESCRIPTION -> line("askDescription");
      case PHOTOS -> line("askPhotos");
      case HOUSEHOLD -> line("askHousehold");
      case CONFIRM -> line("summary").replace("{summary}", summary(d));
    };
  }

  private String summary(Document d) {
    StringBuilder s = new StringBuilder();
    s.append("· 原因:").append(policy.label(Peril.valueOf(d.getString("peril")))).append('\n');
    s.append("· 日期:").append(IncidentDates.display(LocalDate.parse(d.getString("incidentDate")))).append('\n');
    s.append("· 地址:").append(d.getString("street")).append(' ').append(d.getString("community")).append('\n');
    s.append("· 申请人:").append(d.getString("name")).append(",身份证 ")
        .append(IdNumber.of(cipher.decrypt(d.getString("idSealed"))).masked()).append('\n');
    s.append("· 电话:").append(PhoneNumber.of(cipher.decrypt(d.getString("phoneSealed"))).masked()).append('\n');
    amountsOf(d).forEach((type, amount) -> s.append("· ").append(policy.label(LossType.valueOf(type))).append(":约")
        .append(Money.of(amount).display()).append('\n'));
    List<String> photos = d.getList("photos", String.class, List.of());
    s.append("· 照片:").append(photos.isEmpty() ? "无" : photos.size() + "张").append('\n');
    s.append("· 经过:").append(d.getString("description"));
    return s.toString();
  }

  /**
   * A claim for the same person, address and incident date filed in the last {@link #DUPLICATE_WINDOW} is asked
   * about before this one goes in; if the resident confirms again, it is filed with a POSSIBLE_DUPLICATE flag for
   * the claims desk. Never dropped: "算了" is the resident's own choice.
   */
  private Future<Outcome> confirm(Document d) {
    IdNumber id = IdNumber.of(cipher.decrypt(d.getString("idSealed")));
    Claim.Address address = address(d.getString("street"), d.getString("community"));
    LocalDate date = LocalDate.parse(d.getString("incidentDate"));
    return claims.sameIncident(id, address, date, clock.instant().minus(DUPLICATE_WINDOW)).compose(earlier -> {
      if (earlier.isEmpty()) {
        return submit(d, List.of());
      }
      String claimNo = earlier.get().claimNo();
      if (claimNo.equals(d.getString(DUPLICATE_OF))) {
        return submit(d, List.of(POSSIBLE_DUPLICATE + claimNo));
      }
      d.put(DUPLICATE_OF, claimNo);
      String ask = line("duplicate").replace("{claimNo}", claimNo)
          .replace("{date}", earlier.get().createdAt().atZone(policy.zone()).format(FILED_ON));
      return save(d, Slot.CONFIRM).map(v -> new Outcome(Optional.of(ask), ask, false, null));
    });
  }

  static final Duration DUPLICATE_WINDOW = Duration.ofDays(30);
  /** The claims desk's flag on a claim filed although the resident was told of an earlier one (its number follows). */
  public static final String POSSIBLE_DUPLICATE = "POSSIBLE_DUPLICATE:";
  private static final String DUPLICATE_OF = "duplicateOf";
  private static final java.time.format.DateTimeFormatter FILED_ON = java.time.format.DateTimeFormatter.ofPattern("M月d日");

  private Future<Outcome> submit(Document d, List<String> moreFlags) {
    List<Claim.Loss> losses = new ArrayList<>();
    amountsOf(d).forEach((type, amount) -> losses.add(new Claim.Loss(LossType.valueOf(type), Money.of(amount))));
    List<Claim.Attachment> photos = d.getList("photos", String.class, List.of()).stream()
        .map(url -> new Claim.Attachment("image", url)).toList();
    String channel = d.getString("channel");
    String user = d.getString("user");
    ClaimStore.NewClaim claim = new ClaimStore.NewClaim(channel, policy.id(),
        new Claim.Claimant(d.getString("name"), IdNumber.of(cipher.decrypt(d.getString("idSealed"))),
            PhoneNumber.of(cipher.decrypt(d.getString("phoneSealed"))),
            address(d.getString("street"), d.getString("community"))),
        Peril.valueOf(d.getString("peril")), losses, LocalDate.parse(d.getString("incidentDate")),
        d.getString("description"), photos);
    List<String> flags = new ArrayList<>(policy.overCapFlags(losses));
    flags.addAll(moreFlags);
    // Once per draft: if a crash takes back the draft's deletion below, the resident's next 确认 gets the same
    // claim and number again, never a second claim. The draft is deleted only after the claim is durable, and
    // durably, so that the resident who was told the number is not asked to confirm again.
    return claims.submit(claim, channel + ":" + user, channel + ":" + user, null, flags, submissionKey(d))
        .compose(c -> delete(d, draftsDurably).map(v -> new Outcome(Optional.of(line("submitted")
            .replace("{claimNo}", c.claimNo())), null, false, c.claimNo())));
  }

  /** The draft's identity: its conversation and when it was started (a conversation has one draft at a time). */
  private static String submissionKey(Document draft) {
    Date started = draft.getDate("createdAt");
    return draft.getString("_id") + "@" + (started == null ? 0 : started.getTime());
  }

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

  /** "东亭社区3栋2单元101" → community 东亭社区, detail 3栋2单元101 (all of it is the detail when no 社区 is named). */
  static Claim.Address address(String street, String said) {
    int end = said.indexOf("社区");
    if (end < 0) {
      return new Claim.Address(street, "", said);
    }
    String detail = said.substring(end + 2).replaceFirst("^[\\s,,的]+", "").strip();
    return new Claim.Address(street, said.substring(0, end + 2).strip(), detail);
  }

  private static String nextLossWithoutAmount(Document d) {
    List<String> losses = d.getList("losses", String.class, List.of());
    Map<String, String> amounts = amountsOf(d);
    return losses.stream().filter(l -> !amounts.containsKey(l)).findFirst().orElse(null);
  }

  private static Map<String, String> amountsOf(Document d) {
    Document a = d.get("amounts", Document.class);
    Map<String, String> out = new LinkedHashMap<>();
    if (a != null) {
      a.forEach((k, v) -> out.put(k, String.valueOf(v)));
    }
    return out;
  }

  private static Map<String, Object> amounts(Document d) {
    Document a = d.get("amounts", Document.class);
    if (a == null) {
      a = new Document();
      d.put("amounts", a);
    }
    return a;
  }

  private Future<Void> save(Document d, Slot asked) {
    boolean first = d.get("asked") == null;
    d.put("asked", (asked == null ? Slot.PERIL : asked).name());
    d.put("expireAt", new Date(clock.millis() + DRAFT_LIFETIME.toMillis()));
    return Reactive.first(drafts.replaceOne(Filters.eq("_id", d.getString("_id")), d, new ReplaceOptions().upsert(true)))
        .compose(r -> first ? conversations.markClaimOpen(conversationOf(d.getString("_id")), true) : Future.succeededFuture());
  }

  private Future<Void> delete(Document d) {
    return delete(d, drafts);
  }

  private Future<Void> delete(Document d, MongoCollection<Document> from) {
    String conversation = conversationOf(d.getString("_id"));
    return Reactive.first(from.deleteOne(Filters.eq("_id", d.getString("_id"))))
        .compose(r -> Reactive.first(drafts.find(Filters.in("_id", conversation, SUPPLEMENT + conversation)).first()))
        .compose(other -> other.isPresent() ? Future.succeededFuture() : conversations.markClaimOpen(conversation, false));
  }

  private static String conversationOf(String draftId) {
    return draftId.startsWith(SUPPLEMENT) ? draftId.substring(SUPPLEMENT.length()) : draftId;
  }

  private String line(String key) {
    return String.valueOf(replies.section("claim").get(key));
  }
}
