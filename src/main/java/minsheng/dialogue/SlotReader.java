package minsheng.dialogue;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import minsheng.claims.ClaimFields;
import minsheng.claims.IdNumber;
import minsheng.claims.IncidentDates;
import minsheng.claims.LossType;
import minsheng.claims.Money;
import minsheng.claims.Parsed;
import minsheng.claims.Peril;
import minsheng.claims.PerilClassifier;
import minsheng.claims.PersonalData;
import minsheng.claims.PhoneNumber;
import minsheng.claims.Policy;
import minsheng.claims.Street;
import minsheng.dialogue.DraftForm.Slot;
import minsheng.store.FieldCipher;
import org.bson.Document;

/**
 * Reads every slot of the claim form out of one message, whichever step asked: the rules for which answer wins.
 * The step's own slot wins a tie (at the amount step 三千 is money, at the date step 6号 a day); a free-text slot
 * the step asks for (the description, the community and address) keeps the message whole and is not mined for
 * dates or amounts, unless the resident plainly corrects another field ("电话改成…"); the first message of a
 * claim is mined for everything, so a resident who says it all at once gets a nearly complete form.
 */
final class SlotReader {
  /** "电话改成…", "名字写错了", "地址应该是…": the resident means another field, whatever the step asks. */
  private static final Pattern CORRECTION = Pattern.compile(
      "(电话|手机|号码|身份证|证件|名字|姓名|地址|社区|街道|门牌|楼栋|单元|房号|门号|日期|日子|时间|哪天|金额|损失|钱|数目)[^,,。\\s]{0,4}\\s?"
          + "(改成|改为|改一下|换成|写错|搞错|说错|记错|弄错|打错|错了|应该是|不对|更正)|(改成|改为|更正为?)");
  /** "搞错了 不是前天 是昨天": a slip owned up to, which a date in the same message corrects. */
  private static final Pattern ERRED = Pattern.compile("说错|记错|搞错|弄错|写错|打错|错了|不对");
  private static final Pattern JUST_NOW = Pattern.compile("刚才|刚刚");
  /** Where the corrected value begins: after the last of these. */
  private static final Pattern CORRECTED_TO = Pattern.compile("改成|改为|换成|应该是|是");
  /** "住在3栋1单元501" after a name in voice text: the rest of the address. */
  private static final Pattern LIVES_AT = Pattern.compile(
      "^(?:住在?|家住)\\s*((?:[0-9一二三四五六七八九十]+\\s*(?:栋|幢|号楼|单元|号|室|楼|层))+(?:[0-9]+)?)");
  /** What a story told out of turn may fill besides the description (it names the peril, the loss, an amount). */
  private static final Set<Slot> STORY_ONLY = EnumSet.of(Slot.PERIL, Slot.LOSSES, Slot.AMOUNT);
  /** A correction of the address: its name, or one of its numbers ("房号说错了 是102 不是101"). */
  private static final Pattern ADDRESS_FIXED = Pattern.compile("地址|社区|小区|门牌|楼栋|单元|住址|房号|门号|楼号|房间号");
  /** Words of money; 元 of 单元 (a door) is none. */
  private static final Pattern MONEY_WORDS = Pattern.compile("(?<!单)元|块|万|千|百|钱|¥");
  private static final Pattern ADDRESS_PART = Pattern.compile("社区|小区|栋|幢|单元|号|室|楼|村|院|路|巷|弄|[0-9]");
  /**
   * "紫阳社区", "首义园社区", "南湖山庄社区": what follows a street's word when that word begins the community's name (one
   * character at most); "积玉桥三层楼社区", "水果湖东亭社区" are the street's word written in front of a community of its own,
   * and so is "中南路梅苑社区": one character and 苑 or 村 before 社区 is the community's own two-character name.
   */
  private static final Pattern COMMUNITY_AFTER_WORD = Pattern.compile(
      "(?![\\p{IsHan}](?:苑|村)(?:社区|小区))[\\p{IsHan}]?(?:社区|小区|花园|新村|村|苑|家园|山庄)");
  /** What may mark a building's number: "西3栋", "东区5栋", "A座", "附3号". */
  private static final String DOOR_MARK = "(?:[东西南北中]区?|[A-Za-z]|附)?";
  /** "梅苑社区5栋302", "东亭社区3栋2单元101": a community's name and its buildings and doors, nothing after. */
  private static final Pattern ADDRESS_HEAD = Pattern.compile("^(?:[^\\s,,。]{0,8}(?:社区|小区|花园|新村|村|苑|院|公寓|大厦|山庄))?"
      + "(?:\\s*(?:" + DOOR_MARK + "[0-9一二三四五六七八九十零两]+\\s*(?:栋|幢|座|号楼|号|单元|室|楼|层|门|户|组)|[A-Za-z]\\s*(?:座|栋|幢|区)))*(?:\\s*[0-9]+)?");
  /** Words of what happened, not of where: a token holding one ends the address. */
  private static final Pattern STORY = Pattern.compile("暴雨|大雨|下雨|淹|进水|漏|着火|起火|烧|炸|坏|损|天|昨|晚上|夜里|受伤|救|泡|渍|灌|塌|垮|碎|刮|砸|熏|震");
  /**
   * A first message tells what happened when this much is left without the request, the address and personal
   * data; when it also gave most of the form (name, ID, phone, address: {@link #SAID_IT_ALL} slots), a few words do.
   */
  private static final int FIRST_MESSAGE_STORY = 12;
  private static final int SAID_IT_ALL = 3;
  private static final int SHORT_STORY = 4;
  /** At a yes/no step, this many characters without a number tell what happened. */
  private static final int LONG_STORY = 10;
  /** Greetings and the words of a how-to question, which are no part of what happened. */
  private static final Pattern NOT_STORY = Pattern.compile(
      "喂+|你好|您好|(我想|想)?问一下|问下|请问|这个(?![月礼星周])|(要|该)?(怎么|怎样|如何)(申请|报|弄|办)?|咋(弄|办)啊?|么办");
  /**
   * "张家湾社区9栋2单元301", "宝安社区6栋": a community named with its word, wherever in a message and at whatever step
   * (a resident catching up on the address while the ID number is asked). Words of where one lives stay out of it.
   */
  private static final Pattern COMMUNITY_SAID = Pattern.compile("[^\\s,,。;;:：住在是的到]{2,6}(?:社区|小区|花园|新村|家园|山庄)"
      + "(?:\\s*(?:" + DOOR_MARK + "[0-9一二三四五六七八九十两]+\\s*(?:栋|幢|座|号楼|号|单元|室|楼|层|门|户|组)|[A-Za-z]\\s*(?:座|栋|幢|区)))*(?:\\s*[0-9]+)?");
  /** The community's name at the start of an address: "梅苑社区" of "梅苑社区 21栋2单元101". */
  private static final Pattern COMMUNITY_NAME = Pattern.compile("[^\\s0-9]{1,10}(?:社区|小区|花园|新村|家园|山庄|村|苑)");
  /** A building and door alone: "5栋1单元101", "6栋103", "11栋2单元102". */
  private static final Pattern DOOR_ONLY = Pattern.compile(
      "\\s*(?:[0-9一二三四五六七八九十两]+\\s*(?:栋|幢|号楼|号|单元|室|楼|层|门|户|组)\\s*)+[0-9]*\\s*");
  /** A number of ten digits or more (an ID number, a phone), grouped or not: never an amount of money. */
  private static final Pattern LONG_NUMBER = Pattern.compile("[0-9](?:[\\s-]?[0-9]){9,}[Xx]?");
  /** A word of two to four characters standing alone just before an 18-digit ID number (grouped or not). */
  private static final Pattern NAME_BEFORE_ID = Pattern.compile(
      "(?:^|[\\s,,])([\\u4e00-\\u9fa5·]{2,4})[\\s,,]*(?:身份证号?码?[::]?\\s*)?[1-9](?:[\\s-]?[0-9]){16}[\\s-]?[0-9Xx]");
  /**
   * The label and number of a phone or ID given beside the name ("柯玉兰 电话18971002345"), with whose it is and 是
   * ("訾桂兰 她身份证是4201…").
   */
  private static final Pattern NUMBER_FIELD = Pattern.compile(
      "(?:(?:他|她|我|俺)的?(?=电话|手机|联系方式|身份证|证件|号码))?(?:电话|手机|联系方式|身份证|证件|号码|号)*(?:是|为)?"
          + "\\s*[::]?\\s*[0-9](?:[\\s-]?[0-9]){6,}[Xx]?");
  /** What confirms the review, never an answer to a free-text step (the address, what happened). */
  private static final Pattern CONFIRM_WORDS = Pattern.compile("^(确认|确定|提交|确认提交|好了|对的?|是的?|可以|没问题|ok)+$",
      Pattern.CASE_INSENSITIVE);
  /** The home's damage said as such, next to the home ("房子炸坏了", "屋顶塌了"), not only where it happened. */
  private static final Pattern HOUSE_DAMAGED = Pattern.compile(
      "(房子|房屋|屋子|屋顶|房顶|家具|家电|门窗|东西)[^,,。\\s]{0,2}(坏|烧|塌|垮|毁|淹|炸|泡|漏)");
  /** Not knowing what to ask for a person's loss, or leaving it to the assessment. */
  private static final Pattern UNSURE = Pattern.compile(
      "不晓得|不知道|不清楚|说不准|说不好|不好说|搞不清|你们(?:评估|定|核定|看着|算)|(?:等|按|看)鉴定|评估吧|鉴定了再");
  /** "按最高的报", "顶格报": the policy's cap for the loss asked. */
  static final Pattern AT_THE_CAP = Pattern.compile("最高|顶格|封顶|上限|最多的|10万元就行");
  /** An amount alone ("20000元", "大概两万块") is at most this long; as long and a figure, it is no description. */
  private static final int SHORT_AMOUNT = 8;
  /** Fewer characters than this is no description of what happened ("嗯", "好"). */
  private static final int MIN_DESCRIPTION = 4;

  private final Policy policy;
  private final PerilClassifier perils;
  private final FieldCipher cipher;
  private final Clock clock;

  SlotReader(Policy policy, FieldCipher cipher, Clock clock) {
    this.policy = policy;
    this.perils = policy.perilClassifier();
    this.cipher = cipher;
    this.clock = clock;
  }

  /** What a message filled, why part of it could not be taken, notes to tell, and an uncovered peril. */
  static final class Reading {
    final Set<Slot> filled = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    PerilClassifier.Uncovered uncovered;
    /** More of what happened, told at another step, went to the description. */
    boolean storyAdded;
    /** The amount filled is one said before its loss was known, not read from this message. */
    boolean amountFromAside;
    /** The message says again what the form already has ("就是前天", "房子" once the house is known). */
    boolean known;
    /** The message corrected an earlier answer ("日子说错了 是大前天"). */
    boolean corrected;
    /** A bravery injury with no loss named was filed as disability, to be assessed. */
    boolean injuryAsDisability;

    boolean tookSomething() {
      return !filled.isEmpty();
    }
  }

  /**
   * A place told in what happened ("在紫阳湖边看到一个小孩落水", "刚从紫阳路那边回来") once the address is in and the form
   * has moved on to the amount, the story, the photos or the household: where it happened, not a new street. A
   * correction ("街道写错了…") and the review still change it.
   */
  private static boolean placeInAStory(Document draft, Slot asked, boolean correction) {
    return !correction && draft.getString("street") != null && asked != null
        && asked.ordinal() >= Slot.AMOUNT.ordinal() && asked != Slot.CONFIRM;
  }

  /**
   * "我叫诸葛文涛珞珈山街东湖社区…": in voice text the street may follow the name with nothing between; with the street
   * set apart the name ends where it should. The message itself when it names no street.
   */
  private String withoutStreet(String t) {
    Optional<Street> street = policy.streets().find(t);
    if (street.isEmpty()) {
      return t;
    }
    List<String> words = new ArrayList<>(street.get().spellings());
    words.add(street.get().name());
    words.sort((a, b) -> b.length() - a.length());
    return words.stream().filter(t::contains).findFirst().map(w -> t.replace(w, " ")).orElse(t);
  }

  /** The message names a peril (covered or not) or a kind of loss. */
  boolean namesALoss(String t) {
    return !(perils.classify(t) instanceof PerilClassifier.Unclear) || !perils.lossTypes(t).isEmpty();
  }

  static boolean corrects(String text) {
    return CORRECTION.matcher(text).find();
  }

  /**
   * Fills the draft from {@code t} (normalised: {@link ResidentWords#normalize}); {@code asked} is null for the
   * message that starts the claim.
   */
  Reading read(Document draft, Slot asked, String t) {
    Reading r = new Reading();
    Document before = new Document(draft);
    IncidentDates dates = policy.incidentDates(clock);
    // "刚才打错了一位 4201…", "刚才说四千算少了 改成六千": 刚才 is the message before, not the day it happened.
    String forDate = ERRED.matcher(t).find() || corrects(t) ? JUST_NOW.matcher(t).replaceAll(" ") : t;
    boolean correction = corrects(t) || ERRED.matcher(t).find() && dates.find(forDate).isPresent();
    if (!correction && (asked == Slot.DESCRIPTION || asked == Slot.COMMUNITY) && !onlyOtherFields(t)) {
      freeText(draft, asked, t, r);
      if (r.tookSomething() || !r.problems.isEmpty()) {
        return r;
      }
    }
    PerilClassifier.Result peril = perils.classify(t);
    if (peril instanceof PerilClassifier.Covered c && c.peril().name().equals(draft.getString("peril"))) {
      r.known = true;
    } else if (peril instanceof PerilClassifier.Covered c && (draft.getString("peril") == null || correction
        || asked == Slot.PERIL)) {
      draft.put("peril", c.peril().name());
      r.filled.add(Slot.PERIL);
    } else if (peril instanceof PerilClassifier.Uncovered u && draft.getString("peril") == null) {
      r.uncovered = u;
      return r;
    }
    losses(draft, asked, t, r);
    dropDeclined(draft, t, r);
    boolean dateMeant = !correction || !OTHER_FIELD.matcher(t).find() || DATE_FIELD.matcher(t).find();
    Optional<Parsed<LocalDate>> date = !dateMeant ? Optional.empty()
        : dates.find(correction ? correctedPart(forDate, s -> dates.find(s).isPresent()) : forDate);
    if (date.isPresent() && date.get() instanceof Parsed.Ok<LocalDate> same
        && same.value().toString().equals(draft.getString("incidentDate"))) {
      r.known = true;
    } else if (date.isPresent() && (asked == Slot.DATE || asked == null || correction
        || draft.get("incidentDate") == null)) {
      if (date.get() instanceof Parsed.Ok<LocalDate> ok) {
        draft.put("incidentDate", ok.value().toString());
        r.filled.add(Slot.DATE);
      } else {
        r.problems.add(date.get().reason().orElseThrow());
      }
    }
    if (!placeInAStory(draft, asked, correction)) {
      street(draft, t, r);
    }
    if (!r.filled.contains(Slot.COMMUNITY) && draft.getString("community") == null && asked != Slot.COMMUNITY) {
      // The address given at another step ("张家湾社区9栋2单元301" while the ID number is asked) is the address.
      Matcher said = COMMUNITY_SAID.matcher(t);
      while (said.find()) {
        // "下暴雨小区渍水", "我们小区昨天…": where the story happened, not where the resident lives.
        // "我们东亭社区3栋": ours, then the name; "我们小区" names none.
        String named = said.group().replaceFirst("^(我们|咱们|俺们|我家|咱家|俺家|我屋|我)", "");
        String address = COMMUNITY_SAID.matcher(named).lookingAt() ? trimAddress(named) : "";
        // "在梅苑小区门口抓小偷", "东亭社区里到处渍水": a community without doors and with where-about words after it
        // is where it happened; the home's address is asked.
        boolean around = !address.matches(".*[0-9].*") && AROUND.matcher(t.substring(said.end())).lookingAt();
        if (!address.isEmpty() && !around && !storyPlace(address)) {
          draft.put("community", address);
          r.filled.add(Slot.COMMUNITY);
          break;
        }
      }
    }
    String known = draft.getString("community");
    if (!r.filled.contains(Slot.COMMUNITY) && known != null && asked != Slot.COMMUNITY && !known.matches(".*[0-9].*")
        && COMMUNITY_SAID.matcher(t.strip()).matches() && t.matches(".*(栋|幢|单元|室|号).*")
        && !t.strip().startsWith(known.replaceFirst("的$", "")) && !storyPlace(t.strip())) {
      // A whole address with its doors, said on its own at another step, is where the resident lives; a community
      // without doors read in passing before ("下暴雨小区" of an older reading, "东湖社区那边") gives way to it.
      draft.put("community", trimAddress(t.strip()));
      r.filled.add(Slot.COMMUNITY);
    }
    known = draft.getString("community");
    String bareCommunity = known == null ? "" : known.replaceFirst("的$", "");
    if (!r.filled.contains(Slot.COMMUNITY) && known != null && asked != Slot.COMMUNITY && asked != Slot.DATE
        && bareCommunity.matches(".*(社区|小区|花园|新村|家园|山庄)") && DOOR_ONLY.matcher(t).matches()
        && t.matches(".*(栋|幢|单元|室|楼).*")) {
      // "大堤口社区", then "5栋1单元101" in a message of its own at the next step: the building and door.
      draft.put("community", bareCommunity + t.strip());
      r.filled.add(Slot.COMMUNITY);
    }
    if (!r.filled.contains(Slot.COMMUNITY) && known != null && asked != Slot.COMMUNITY) {
      // "…我是粮道街胭脂路社区的" first, "胭脂路社区14栋102" later: the building and door added to the community.
      String bare = known.replaceFirst("的$", "");
      Matcher said = COMMUNITY_SAID.matcher(t);
      if (COMMUNITY_SAID.matcher(bare).matches() && bare.matches(".*(社区|小区|花园|新村|家园|山庄)") && said.find()
          && said.group().startsWith(bare)) {
        String address = trimAddress(said.group());
        if (address.length() > bare.length()) {
          draft.put("community", address);
          r.filled.add(Slot.COMMUNITY);
        }
      }
    }
    if (correction && !r.filled.contains(Slot.COMMUNITY) && ADDRESS_FIXED.matcher(t).find()) {
      // "地址写错了 是梅苑社区8栋2单元301": the street stays, the community and address are replaced.
      String part = correctedPart(t, s -> ADDRESS_PART.matcher(s).find());
      if (part != t && !trimAddress(part).isEmpty()) {
        // "是12栋2单元101": only the building and door change; the community's name stays.
        String was = String.valueOf(draft.getString("community"));
        Matcher name = COMMUNITY_NAME.matcher(was);
        boolean doorsOnly = DOOR_ONLY.matcher(part).matches() && name.lookingAt();
        Optional<String> renumbered = renumbered(was, t, part);
        draft.put("community", renumbered.orElse((doorsOnly ? name.group() : "") + wholeAddressOnce(trimAddress(part))));
        r.filled.add(Slot.COMMUNITY);
      }
    }
    Optional<Parsed<IdNumber>> id = ClaimFields.idNumber(t, dates.today());
    Optional<Parsed<PhoneNumber>> phone = ClaimFields.phoneNumber(t, id.isPresent());
    boolean aPhone = phone.isPresent() && phone.get() instanceof Parsed.Ok<PhoneNumber>;
    if (id.isPresent()) {
      if (id.get() instanceof Parsed.Ok<IdNumber> ok) {
        draft.put("idSealed", cipher.encrypt(ok.value().value()));
        r.filled.add(Slot.ID_NUMBER);
      } else {
        r.problems.add(id.get().reason().orElseThrow());
      }
    } else if (asked == Slot.ID_NUMBER && !aPhone && ClaimFields.looksLikeANumber(t, 8)) {
      // A mobile given at the ID step is the phone, not an ID number of 11 digits.
      IdNumber.parse(t, dates.today()).reason().ifPresent(r.problems::add);
    }
    if (phone.isPresent()) {
      if (phone.get() instanceof Parsed.Ok<PhoneNumber> ok) {
        draft.put("phoneSealed", cipher.encrypt(ok.value().value()));
        r.filled.add(Slot.PHONE);
      } else if (asked == Slot.PHONE || correction) {
        r.problems.add(phone.get().reason().orElseThrow());
      }
    } else if (asked == Slot.PHONE && id.isEmpty() && ClaimFields.looksLikeANumber(t, 5)) {
      PhoneNumber.parse(t).reason().ifPresent(r.problems::add);
    }
    // A name step set aside is still open: the bare name may come at any later step.
    boolean nameAsked = asked == Slot.NAME
        || draft.getString("name") == null && DraftForm.setAside(draft).contains(Slot.NAME.name());
    Optional<String> name = NameReader.find(t, nameAsked).or(() -> NameReader.find(withoutStreet(t), nameAsked));
    if (name.isEmpty() && (r.filled.contains(Slot.PHONE) || r.filled.contains(Slot.ID_NUMBER))) {
      // "柯玉兰 电话18971002345", "汤建华 手机15927001234": a name beside the numbers read above — the name asked
      // for, or at another step one that reads as a name (a surname first, no words of talk).
      String rest = NUMBER_FIELD.matcher(t).replaceAll(" ").replaceAll("[,,。;;、\\s]+", " ").strip();
      boolean aName = nameAsked || draft.getString("name") == null && NameReader.looksLikeAName(rest);
      name = rest.isEmpty() || rest.equals(t) || !aName ? Optional.empty() : NameReader.find(rest, true);
    }
    if (name.isEmpty() && r.filled.contains(Slot.ID_NUMBER) && draft.getString("name") == null) {
      name = nameBeforeId(t);
    }
    // "昨天下午", "前天晚上" at the name step: a time said late (the date step set aside), never a name.
    name = name.filter(n -> dates.find(n).isEmpty());
    if (name.isPresent()) {
      draft.put("name", name.get());
      r.filled.add(Slot.NAME);
    }
    amount(draft, asked, t, correction, r);
    r.corrected = correction && asked != null && r.tookSomething();
    if (asked == null && draft.get("peril") != null) {
      firstMessageDescription(draft, t, r.filled.size() - 2 >= SAID_IT_ALL ? SHORT_STORY : FIRST_MESSAGE_STORY);
    } else if (asked != null && asked != Slot.COMMUNITY && draft.getString("description") == null && r.problems.isEmpty()
        && STORY_ONLY.containsAll(r.filled) && namesALoss(t) && !t.matches(".*[0-9].*") && t.replaceAll("[\\s\\p{P}]", "").length() >= LONG_STORY) {
      // What happened, told before the form asks for it (the step it answers set aside): it is the description.
      draft.put("description", PersonalData.mask(t));
      r.filled.add(Slot.DESCRIPTION);
    } else if (asked != null && (!r.tookSomething() && draft.equals(before) || settlesOnlyTheStory(asked, r))
        && r.problems.isEmpty() && draft.getString("description") != null
        && (namesALoss(t) && t.length() >= MIN_DESCRIPTION + 2 || tellsAStory(asked, t))) {
      // More of what happened, told at another step: it goes to the description, not lost (also when it settles
      // the peril or the loss set aside earlier).
      draft.put("description", draft.getString("description") + ";" + PersonalData.mask(t));
      r.filled.add(Slot.DESCRIPTION);
      r.storyAdded = true;
    }
    return r;
  }

  /**
   * A story told at a yes/no step ("伢掉进河里 我儿子跳下去把伢推上了岸"): the resident whose first message already
   * gave the description tells what happened where the form asks for photos or the household.
   */
  /** One, two, a few or half a piece ("一块", "两块"): a count of pieces when no other numeral is before it and 钱 not after. */
  private static final Pattern PIECES = Pattern.compile("(?<![0-9零一二两三四五六七八九十百千万])[一两几半]块(?![钱0-9])");

  /** At the photo step or after, the message settled only the peril or the kind of loss, set aside before. */
  private static boolean settlesOnlyTheStory(Slot asked, Reading r) {
    return asked.ordinal() >= Slot.PHOTOS.ordinal() && r.tookSomething()
        && (!r.filled.contains(Slot.AMOUNT) || r.amountFromAside) && STORY_ONLY.containsAll(r.filled);
  }

  /** At the photo or household step, a story of what happened (it names a peril or a loss). */
  boolean storyAtAYesNoStep(Slot asked, String t) {
    return tellsAStory(asked, t) && namesALoss(t);
  }

  private static boolean tellsAStory(Slot asked, String t) {
    // Digits may be in it ("11楼的防盗窗", "89岁"), a phone or ID number not.
    return (asked == Slot.PHOTOS || asked == Slot.HOUSEHOLD) && !LONG_NUMBER.matcher(t).find()
        && t.replaceAll("[^\\p{IsHan}]", "").length() >= LONG_STORY;
  }

  /**
   * The kinds of loss the message names, in the policy's words or residents' own: a person gone, said at the loss
   * question ("人冇得了"), is a death; a disaster or a fire that reached the home, with no one hurt, the house.
   */
  private void losses(Document draft, Slot asked, String t, Reading r) {
    // "围墙就不报了 主要是我奶奶的伤": a loss named only to decline it is no loss claimed.
    String said = LossWords.familyNotHouse(LossWords.withoutDeclined(t));
    Set<LossType> losses = EnumSet.noneOf(LossType.class);
    losses.addAll(perils.lossTypes(said));
    boolean houseSaid = losses.contains(LossType.HOUSE_DAMAGE) || asked == Slot.AMOUNT && LossWords.homeThing(said);
    List<String> all = new ArrayList<>(draft.getList("losses", String.class, List.of()));
    if (losses.isEmpty() && asked == Slot.LOSSES && LossWords.personGone(said) || LossWords.diedInIt(said)) {
      losses.add(LossType.DEATH);
    }
    String peril = draft.getString("peril");
    boolean personHarmed = losses.contains(LossType.DEATH) || losses.contains(LossType.DISABILITY);
    if (Peril.BRAVERY.name().equals(peril) && asked != Slot.LOSSES && (personHarmed || LossWords.injured(said))) {
      // A rescue "in the house next door" names a home, not a loss of the rescuer's own.
      losses.remove(LossType.HOUSE_DAMAGE);
    }
    if (personHarmed && asked != Slot.LOSSES && !HOUSE_DAMAGED.matcher(said).find()) {
      // "父亲被大风吹倒的墙砸中去世了", "我母亲屋里失火 老人家冇跑出来": the home is where it happened; the loss
      // claimed is the person's, unless the home's damage is said as such ("房子炸坏了").
      losses.remove(LossType.HOUSE_DAMAGE);
    }
    if (losses.isEmpty() && all.isEmpty() && peril != null && LossWords.homeHit(Peril.valueOf(peril), said)) {
      losses.add(LossType.HOUSE_DAMAGE);
    }
    if (losses.isEmpty() && all.isEmpty() && Peril.BRAVERY.name().equals(peril) && LossWords.injured(said)) {
      // The policy pays death or disability for bravery; an injury is filed as disability, its grade assessed later.
      losses.add(LossType.DISABILITY);
      r.injuryAsDisability = true;
    }
    boolean storyStep = asked == null || asked == Slot.LOSSES || asked == Slot.DESCRIPTION;
    if (!personHarmed && all.isEmpty() && storyStep && peril != null && !Peril.BRAVERY.name().equals(peril)
        && LossWords.hurt(said)) {
      // "充电宝爆炸了 手被烧伤了 床也烧了", "腿骨折住院了": the injury is filed as disability, its grade assessed later;
      // the home's damage said beside it is claimed too, the home as only where it happened ("屋里煤气罐爆了") is not.
      if (LossWords.homeDamaged(said) || HOUSE_DAMAGED.matcher(said).find()) {
        losses.add(LossType.HOUSE_DAMAGE);
      } else {
        losses.remove(LossType.HOUSE_DAMAGE);
      }
      losses.add(LossType.DISABILITY);
      r.injuryAsDisability = true;
    }
    if (losses.isEmpty()) {
      return;
    }
    // At the amount step the house said with the person ("屋顶修好花了八千") stays: both are claimed (AmountsByLoss).
    if (personHarmed && asked != null && asked != Slot.LOSSES && (asked != Slot.AMOUNT || !houseSaid)
        && draft.getBoolean(HOUSE_FROM_STORY, false)
        && all.equals(List.of(LossType.HOUSE_DAMAGE.name())) && !losses.contains(LossType.HOUSE_DAMAGE)) {
      personsLossInstead(draft, losses, r);
      return;
    }
    if (!all.isEmpty() && asked != null && asked != Slot.LOSSES && asked != Slot.AMOUNT && !corrects(t)) {
      // The story told at a later step ("老房子起火 父亲没能跑出来") adds no loss the resident did not claim.
      r.known = true;
      return;
    }
    int known = all.size();
    losses.stream().map(Enum::name).filter(l -> !all.contains(l)).forEach(all::add);
    if (all.size() > known && draft.get("amounts") == null) {
      // No figure given yet: the amounts are asked in the policy's order, as the loss question lists the losses.
      all.sort(Comparator.comparingInt(l -> LossType.valueOf(l).ordinal()));
    }
    if (all.size() > known) {
      draft.put("losses", all);
      if (asked != Slot.LOSSES && all.equals(List.of(LossType.HOUSE_DAMAGE.name()))) {
        // Read from the story, not chosen at the loss question: a death or disability told later replaces it.
        draft.put(HOUSE_FROM_STORY, true);
      }
      r.filled.add(Slot.LOSSES);
      Object aside = draft.remove("amountAside");
      if (aside != null && all.size() == 1) {
        // The amount said before the kind of loss was known.
        DraftForm.amounts(draft).put(all.get(0), aside);
        r.filled.add(Slot.AMOUNT);
        r.amountFromAside = true;
      }
    } else {
      r.known = true;
    }
  }

  /**
   * "房子的就不报了 只报我妈的 十万": a loss on the draft that a clause declines is dropped, with its amount, when another
   * loss stays claimed (a claim of nothing is the resident's to cancel, not the form's to make).
   */
  private void dropDeclined(Document draft, String t, Reading r) {
    List<String> all = new ArrayList<>(draft.getList("losses", String.class, List.of()));
    List<String> declined = declinedLosses(t, all);
    if (declined.isEmpty() || !all.stream().anyMatch(l -> !declined.contains(l))) {
      return;
    }
    all.removeAll(declined);
    draft.put("losses", all);
    declined.forEach(l -> DraftForm.amounts(draft).remove(l));
    draft.remove(HOUSE_FROM_STORY);
    r.filled.add(Slot.LOSSES);
    r.notes.add("好的," + declined.stream().map(l -> "“" + policy.label(LossType.valueOf(l)) + "”")
        .collect(java.util.stream.Collectors.joining("和")) + "不报了。");
  }

  /** The losses on the draft that a clause of {@code t} declines: named in the policy's words, as the home, or a person. */
  List<String> declinedLosses(String t, List<String> onDraft) {
    Set<String> out = new LinkedHashSet<>();
    for (String clause : LossWords.declinedClauses(LossWords.familyNotHouse(t))) {
      perils.lossTypes(clause).forEach(l -> out.add(l.name()));
      if (LossWords.homeThing(clause)) {
        out.add(LossType.HOUSE_DAMAGE.name());
      }
      if (LossWords.aboutAPerson(clause)) {
        onDraft.stream().filter(l -> !l.equals(LossType.HOUSE_DAMAGE.name())).forEach(out::add);
      }
    }
    out.retainAll(onDraft);
    return new ArrayList<>(out);
  }

  /** The draft's mark that its house damage was read from the story, not chosen at the loss question. */
  private static final String HOUSE_FROM_STORY = "houseFromStory";

  /**
   * "大雨把老屋泡垮了", then in the story "我老伴睡在里屋 压在下面没救出来": the house damage was only where it happened;
   * the loss claimed is the person's, as it is when the first message says so. The amount the resident gave is kept
   * for it (they said one figure for what they lost), and they are told, so they can change either.
   */
  private void personsLossInstead(Document draft, Set<LossType> losses, Reading r) {
    LossType person = losses.contains(LossType.DEATH) ? LossType.DEATH : LossType.DISABILITY;
    draft.put("losses", new ArrayList<>(List.of(person.name())));
    draft.remove(HOUSE_FROM_STORY);
    Object amount = DraftForm.amountsOf(draft).get(LossType.HOUSE_DAMAGE.name());
    draft.remove("amounts");
    String kept = "";
    if (amount != null) {
      DraftForm.amounts(draft).put(person.name(), amount);
      kept = ",申请金额还按您说的" + Money.of(String.valueOf(amount)).display();
    }
    r.filled.add(Slot.LOSSES);
    r.notes.add("记下了,损失按“" + policy.label(person) + "”登记,不是房屋损失" + kept + "。要改的话直接告诉我。");
  }

  /**
   * "不是前天 是昨天", "金额说少了 应该是一万五": the part after the last "是"/"改成", when it holds what is wanted;
   * else the whole message.
   */
  /** "一万二 不对 一万五": what follows a slip owned up to, when something follows it. */
  private static String afterSlip(String t) {
    Matcher slip = ERRED.matcher(t);
    int from = -1;
    while (slip.find()) {
      from = slip.end();
    }
    String rest = from > 0 ? t.substring(from).replaceFirst("^[\\s,,]*(是|应该是)?", "") : "";
    return rest.isBlank() ? t : rest;
  }

  /**
   * "是5栋不是3栋 5栋2单元502", "是2单元 7栋2单元601": the part corrected said short, then whole; the whole is the
   * address. The address itself
   * when it is said once.
   */
  private static String wholeAddressOnce(String address) {
    String[] parts = address.split("\\s+");
    String last = parts[parts.length - 1];
    return parts.length > 1 && last.contains(parts[0]) && last.length() > parts[0].length() ? last : address;
  }

  /** A number alone, as a door or a building is corrected ("是502不是520", "是23号"). */
  private static final Pattern A_NUMBER = Pattern.compile("([0-9]+)[号室栋]?");

  /**
   * "门牌号打错了 是502不是520": one number of the address said again; it replaces the number it is not, in place,
   * so the building and community stay. Empty when the correction is not of that shape.
   */
  private static Optional<String> renumbered(String address, String t, String part) {
    Matcher not = NOT_THIS.matcher(t);
    Matcher right = A_NUMBER.matcher(trimAddress(part).strip());
    if (!not.find() || !right.matches()) {
      return Optional.empty();
    }
    Matcher wrong = A_NUMBER.matcher(not.group().replaceFirst("^不是", "").strip());
    if (!wrong.matches()) {
      return Optional.empty();
    }
    Matcher at = Pattern.compile("(?<![0-9])" + wrong.group(1) + "(?![0-9])").matcher(address);
    return at.find() ? Optional.of(address.substring(0, at.start()) + right.group(1) + address.substring(at.end()))
        : Optional.empty();
  }

  private static String correctedPart(String t, Predicate<String> holds) {
    // "是12栋2单元101 不是21栋", "是11月28号 不是29号": what it is not is no part of the correction.
    String said = NOT_THIS.matcher(t).replaceAll(" ");
    Matcher to = CORRECTED_TO.matcher(said);
    int from = -1;
    while (to.find()) {
      from = to.end();
    }
    return from > 0 && holds.test(said.substring(from)) ? said.substring(from).strip() : t;
  }

  private static final Pattern NOT_THIS = Pattern.compile("不是[^,,。;;\\s]*");
  /** A correction naming one of these fields, and no word of a date, leaves the date alone ("金额改成六千 刚才说多了"). */
  private static final Pattern OTHER_FIELD = Pattern.compile("电话|手机|号码|身份证|证件|名字|姓名|地址|社区|街道|门牌|楼栋|单元|房号|门号|金额|损失|钱|数目");
  /** A word of the date itself; "不是32号 是23号" in an address correction is a door, not a day. */
  private static final Pattern DATE_FIELD = Pattern.compile("日期|日子|时间|哪天|几号|月|天");

  /**
   * "汤建华 手机15927001234" at the address step: a phone or ID number and at most a name beside it, which the free-text
   * step must not swallow (the address would be the name, the phone lost); the other fields read it instead.
   */
  private static boolean onlyOtherFields(String t) {
    if (!LONG_NUMBER.matcher(t).find()) {
      return false;
    }
    String rest = NUMBER_FIELD.matcher(t).replaceAll(" ").replaceAll("[\\s\\p{P}]", "");
    return rest.length() <= 6 && !ADDRESS_PART.matcher(rest).find();
  }

  /** The description or the community and address, taken whole (a street named alone is the street). */
  private void freeText(Document draft, Slot asked, String said, Reading r) {
    String t = asked == Slot.COMMUNITY ? addressPart(said) : said;
    Matcher community = COMMUNITY_SAID.matcher(t);
    // "南湖街宝安社区3栋…": the street's full name first is the street, not part of the community's name.
    // Not a community named after the street ("粮道街社区"), nor a message taking back what it began with ("不是").
    Optional<Street> streetFirst = policy.streets().find(t).filter(s -> t.startsWith(s.name())
        && !t.substring(s.name().length()).replaceFirst("^道", "").startsWith("社区") && !t.contains("不是"));
    if (asked == Slot.COMMUNITY && community.lookingAt() && draft.getString("street") != null && streetFirst.isEmpty()) {
      // "张家湾社区 白沙洲大道36号": the community first, a street's word inside the address is no street.
      draft.put("community", trimAddress(withoutStreetWord(t)));
      r.filled.add(asked);
      return;
    }
    if (asked == Slot.COMMUNITY) {
      Optional<Street> street = street(draft, t, r);
      if (street.isPresent() && (t.length() <= street.get().name().length() + 2 || r.filled.contains(Slot.COMMUNITY))) {
        return;
      }
    }
    String compact = t.replaceAll("[\\s\\p{P}\\p{So}]", "");
    if (asked == Slot.DESCRIPTION && compact.length() <= SHORT_AMOUNT && Money.parse(t) instanceof Parsed.Ok<Money>) {
      // "20000元" at the description step: the amount, said where the form asked what happened.
      return;
    }
    if (compact.length() < (asked == Slot.DESCRIPTION ? MIN_DESCRIPTION : 2)
        || ResidentWords.answer(t) != ResidentWords.Answer.NONE && compact.length() < 6
        // "等我女婿晚上拍了发你": a promise of the photos, not what happened
        || ResidentWords.answer(t) == ResidentWords.Answer.LATER && !namesALoss(t)
        || CONFIRM_WORDS.matcher(compact).matches()) {
      return;
    }
    draft.put(asked == Slot.COMMUNITY ? "community" : "description",
        asked == Slot.COMMUNITY ? trimAddress(t) : PersonalData.mask(t));
    r.filled.add(asked);
    if (asked == Slot.DESCRIPTION) {
      // What happened may settle what the form could not yet read ("雷打下来 家里电器烧了"): the peril, the loss.
      if (draft.getString("peril") == null && perils.classify(t) instanceof PerilClassifier.Covered c) {
        draft.put("peril", c.peril().name());
        r.filled.add(Slot.PERIL);
      }
      if (draft.get("losses") == null || draft.getBoolean(HOUSE_FROM_STORY, false)) {
        losses(draft, asked, t, r);
      }
    }
  }

  /** "地址是…", "住在…": what follows is the address. */
  private static final Pattern ADDRESS_LEAD = Pattern.compile("(?:地址|住址)(?:是|在|:)?|住在|家住(?!址)");
  /** "社区名字冇记住", "小区叫么事忘了": a clause saying what the resident does not remember. */
  private static final Pattern FORGOTTEN = Pattern.compile("^[^\\s,,。;;]*(?:不记得|记不得|记不清|冇记住|没记住|忘了|忘记了|不知道|不晓得)[\\s,,。;;]+");

  /**
   * At the address step, the address without what leads it: an apology or an aside before "地址是…" ("不好意思刚才伢拿
   * 手机乱按的 地址是梅苑社区7栋1单元202"), or what the resident does not remember ("社区名字冇记住 和平大道1520号2楼").
   */
  private static String addressPart(String t) {
    Matcher lead = ADDRESS_LEAD.matcher(t);
    int from = -1;
    while (lead.find()) {
      from = lead.end();
    }
    String rest = from > 0 ? t.substring(from).strip() : "";
    if (rest.matches(".*[0-9].*")) {
      return rest;
    }
    Matcher forgotten = FORGOTTEN.matcher(t);
    if (forgotten.lookingAt() && t.substring(forgotten.end()).matches(".*[0-9].*")) {
      return t.substring(forgotten.end()).strip();
    }
    return t;
  }

  /**
   * "下暴雨小区", "我们小区", "隔壁小区", "整个社区", "暴雨后小区": what stands where a community's name would is a
   * peril, a day or a word of which one, so the place is where the story happened, not an address of the form.
   */
  private boolean storyPlace(String address) {
    Matcher name = COMMUNITY_NAME.matcher(address);
    if (!name.lookingAt()) {
      return false;
    }
    String before = name.group().replaceFirst("(社区|小区|花园|新村|家园|山庄|村|苑)$", "");
    return WHICH_PLACE.matcher(before).find() || WHEN.matcher(before).find()
        || !(perils.classify(before) instanceof PerilClassifier.Unclear);
  }

  /** A day or a time of day ("前天晚上小区…"); a month alone may be a name (五月花). */
  private static final Pattern WHEN = Pattern.compile(
      "昨|前天|前晚|今天|今早|今晚|当天|那天|晚上|夜里|半夜|早上|上午|下午|凌晨|[0-9一二三四五六七八九十]+[号日]");

  /** Where about a place something happened: at its gate, inside it, near it. */
  private static final Pattern AROUND = Pattern.compile("\\s*(门口|大门|里|内|外|附近|旁边|边上|那边|这边|楼下|对面|路口|广场|停车场|车库)");

  /** Words that point at a place rather than name it: ours, this one, the next one, the whole of it. */
  private static final Pattern WHICH_PLACE = Pattern.compile(
      "^(我们|我家|我屋|我住的|咱们?|俺们?|你们|他们|这个?|那个?|整个|全|隔壁|附近|对面|旁边|周边|周围|楼下|楼上|别的|其他|好多|有的|所有|一个)");

  /** The street the message names, and the community and address after it when it names them. */
  private Optional<Street> street(Document draft, String t, Reading r) {
    Optional<Street> street = policy.streets().find(t);
    if (street.isPresent()) {
      draft.put("street", street.get().name());
      r.filled.add(Slot.STREET);
      Optional<String> community = communityWith(t, street.get()).map(SlotReader::trimAddress);
      if (community.isPresent() && DOOR_ONLY.matcher(community.get()).matches()) {
        // "梅苑社区 中南路街 11栋1单元101": the community named before the street, its building and door after it.
        Matcher named = COMMUNITY_SAID.matcher(t);
        int doors = t.indexOf(community.get().strip());
        if (named.find() && named.end() <= doors && !named.group().matches(".*[0-9].*") && !storyPlace(named.group())) {
          community = Optional.of(named.group().strip() + community.get().strip());
        }
      }
      // "我住南湖街 前天下大雨小区里淹了", "我家在中南路街 昨天暴雨 小区里的树倒了": the story follows the street, no
      // community is named (what is left names no place, or the place of the story).
      if (community.isPresent() && ADDRESS_PART.matcher(community.get()).find() && !storyPlace(community.get())) {
        draft.put("community", community.get());
        r.filled.add(Slot.COMMUNITY);
      }
    }
    return street;
  }

  /**
   * "积玉桥三层楼社区5栋": the street's short word written in front of a community that is not named after it (more
   * than {@link #COMMUNITY_AFTER_WORD} allows between them) is left out; the address itself otherwise.
   */
  private String withoutStreetWord(String address) {
    Optional<Street> street = policy.streets().find(address);
    if (street.isEmpty()) {
      return address;
    }
    for (String w : street.get().spellings()) {
      String rest = address.substring(address.startsWith(w) ? w.length() : 0);
      if (address.startsWith(w) && !rest.startsWith("街") && !COMMUNITY_AFTER_WORD.matcher(rest).lookingAt()
          && COMMUNITY_SAID.matcher(rest).lookingAt()) {
        return rest;
      }
    }
    return address;
  }

  /**
   * The community and address after the street: "中南路街 梅苑小区5栋" → 梅苑小区5栋; but "紫阳社区1栋" names a
   * community after its street, so the street's word stays in it.
   */
  private static Optional<String> communityWith(String t, Street street) {
    Optional<String> after = ClaimFields.communityAfter(t, street);
    if (after.isPresent() && COMMUNITY_AFTER_WORD.matcher(after.get()).lookingAt()) {
      List<String> spellings = new ArrayList<>(street.spellings());
      spellings.add(street.name());
      spellings.sort((a, b) -> b.length() - a.length());
      for (String w : spellings) {
        int i = t.indexOf(w);
        // "徐家棚 武车一村社区": set apart by a space, the street's word is the street, not the community's name.
        boolean joined = i >= 0 && i + w.length() < t.length()
            && !String.valueOf(t.charAt(i + w.length())).matches("[\\s\\p{P}]");
        if (joined && !t.startsWith(street.name(), i)) {
          return Optional.of(t.substring(i));
        }
      }
    }
    return after;
  }

  /** A correction naming a field that is not money ("地址打错了 是16栋2单元301"): its numbers are no amount. */
  private static final Pattern NOT_MONEY_FIELD = Pattern.compile("电话|手机|号码|身份证|证件|名字|姓名|地址|社区|街道|门牌|楼栋|单元|房号|门号|日期|日子");
  /** "总共算一万五", "一共花了两万", "加起来要三万": the whole of the loss. */
  private static final Pattern TOTAL = Pattern.compile("(?:总共|一共|合计|总计|加起来|全部算|总的算|统共|拢共)"
      + "(?:算|是|要|花了|损失了?|大概|估计|差不多|约)*\\s*[0-9零一二两三四五六七八九十]");
  /** "光床垫就花了四千买的", "四千块买的": the price of one thing in the story. */
  private static final Pattern PART_PRICE = Pattern.compile("光[^,,。;;\\s]{1,8}?就[^,,。;;\\s0-9零一二两三四五六七八九十]{0,4}"
      + "[0-9零一二两三四五六七八九十百千万.]+(?:多)?(?:块钱?|元)?(?:买的)?|[0-9零一二两三四五六七八九十百千万.]+(?:多)?(?:块钱?|元)?买的");

  private void amount(Document draft, Slot asked, String message, boolean correction, Reading r) {
    // Outside the amount step, "压垮了一块", "碎了两块" count pieces, not yuan.
    // An ID number or a phone is never money, at the amount step either.
    String numbers = LONG_NUMBER.matcher(message).replaceAll(" ");
    // "光床垫就花了四千买的": outside the amount step, what one thing cost is no figure for the loss.
    String t = asked == Slot.AMOUNT ? numbers : PART_PRICE.matcher(PIECES.matcher(numbers).replaceAll("")).replaceAll(" ");
    if (asked != Slot.AMOUNT && !MONEY_WORDS.matcher(t).find()) {
      return;
    }
    if (correction && NOT_MONEY_FIELD.matcher(t).find() && !MONEY_WORDS.matcher(t).find()) {
      // "地址打错了 是16栋2单元301": the numbers of another field corrected, never an amount, at the amount step too.
      return;
    }
    // "总共算一万五吧": a total said at a later step is the amount, as a correction is.
    boolean total = asked != Slot.AMOUNT && TOTAL.matcher(t).find() && draft.get("amounts") != null;
    correction = correction || total;
    String loss = DraftForm.nextLossWithoutAmount(draft);
    if (loss == null && !correction && draft.get("losses") == null
        && AmountsByLoss.each(policy, draft, t, Slot.LOSSES, r)) {
      // "手上的烧伤医药费花了八千 床和床头柜大概三千" before the kind of loss is known: each figure names its loss.
      r.filled.add(Slot.LOSSES);
      return;
    }
    if (loss == null && correction) {
      // "金额改成两万": the loss the message names, else the first one.
      List<String> named = perils.lossTypes(t).stream().map(Enum::name).toList();
      List<String> all = draft.getList("losses", String.class, List.of());
      loss = named.stream().filter(all::contains).findFirst().orElse(all.isEmpty() ? null : all.get(0));
    }
    if (loss == null && !correction && draft.get("losses") == null) {
      // "三千八" before the kind of loss is known (that step set aside): kept until it is.
      Money.find(t).filter(m -> m instanceof Parsed.Ok<Money>).ifPresent(m -> {
        draft.put("amountAside", m.orElseThrow().amount().toPlainString());
        r.filled.add(Slot.AMOUNT);
      });
      return;
    }
    if (loss == null || AmountsByLoss.each(policy, draft, t, asked, r)) {
      return;
    }
    if (asked == Slot.AMOUNT && AT_THE_CAP.matcher(t).find() && Money.find(t).isEmpty()) {
      // "按最高的报": the cap the question told.
      DraftForm.amounts(draft).put(loss, policy.capFor(LossType.valueOf(loss)).amount().toPlainString());
      r.filled.add(Slot.AMOUNT);
      return;
    }
    LossType person = LossType.valueOf(loss);
    if (asked == Slot.AMOUNT && person != LossType.HOUSE_DAMAGE && UNSURE.matcher(t).find()
        && !t.matches(".*[0-9零一二两三四五六七八九十百千万].*")) {
      // "不晓得好多 你们评估吧": a death or disability, whose question said "说不准的话,回复“10万元”就行".
      Money cap = policy.capFor(person);
      DraftForm.amounts(draft).put(loss, cap.amount().toPlainString());
      r.filled.add(Slot.AMOUNT);
      r.notes.add("好的,先按" + cap.display() + "记下,最后赔多少以" + (person == LossType.DISABILITY ? "伤残等级和" : "")
          + "保险公司核定为准。");
      return;
    }
    String said = correction ? correctedPart(t, s -> Money.find(s).isPresent())
        : asked == Slot.AMOUNT ? AmountsByLoss.figureSaid(afterSlip(t)) : t;
    Optional<Parsed<Money>> money = asked == Slot.AMOUNT ? Optional.of(Money.parse(said)) : Money.find(said);
    if (asked == Slot.AMOUNT && money.get() instanceof Parsed.Invalid<Money>
        && !t.matches(".*[0-9零一二两三四五六七八九十百千万].*")) {
      return; // no number at all: not an attempt at the amount
    }
    if (money.isEmpty()) {
      return;
    }
    Optional<Money> rangeTop = asked == Slot.AMOUNT && money.get() instanceof Parsed.Invalid<Money>
        ? Money.rangeTop(said) : Optional.empty();
    if (rangeTop.isPresent()) {
      // "五六千吧", "一两万 说不准": the higher end, said back so the resident can change it.
      money = Optional.of(Parsed.ok(rangeTop.get()));
      r.notes.add("您说的是个范围,先按" + rangeTop.get().display() + "记下,最后赔多少以保险公司核定为准。");
    }
    if (money.get() instanceof Parsed.Ok<Money> ok) {
      DraftForm.amounts(draft).put(loss, ok.value().amount().toPlainString());
      r.filled.add(Slot.AMOUNT);
      LossType type = LossType.valueOf(loss);
      if (policy.isOverCap(type, ok.value())) {
        r.notes.add(policy.overCapNotice(type, ok.value()));
      }
    } else {
      r.problems.add(money.get().reason().orElseThrow());
    }
  }

  /**
   * Digits in groups of three or more, with a country code ("+86 181…"): of ten digits or more, an ID number or a
   * phone in the first message; "4573 11月30号" keeps its day (a group of fewer than three digits is not part of it).
   */
  private static final Pattern DIGIT_GROUPS = Pattern.compile(
      "(?:(?:\\+|00)86[\\s-]*)?[0-9Xx]{3,}(?:[\\s-][0-9Xx]{3,})*(?<=[0-9Xx]{3})");

  /**
   * The first message, when it tells what happened at some length, is the description too: without the ID
   * number, phone and name, which have their own fields. The summary shows it, so the resident can change it.
   */
  private void firstMessageDescription(Document draft, String t, int enough) {
    Matcher labelled = STORY_LINE.matcher(t);
    if (labelled.find() && labelled.group(1).replaceAll("[\\s\\p{P}]", "").length() >= SHORT_STORY) {
      // A template's "经过:…" line is what happened, as the resident wrote it.
      draft.put("description", PersonalData.mask(labelled.group(1).strip()));
      return;
    }
    String story = t;
    String community = draft.getString("community");
    if (community != null && story.contains(community)) {
      // "住水果湖街东亭社区3栋101": the address has its own fields.
      int at = story.indexOf(community);
      int from = at;
      String street = draft.getString("street");
      String streetWord = street == null ? "" : street.replaceFirst("街$", "");
      // "杨园街杨园社区…": the street before a community named after it, not the community's own word.
      int streetAt = streetWord.isEmpty() || at == 0 ? -1 : story.lastIndexOf(streetWord, at - 1);
      if (streetAt >= 0 && at - streetAt <= streetWord.length() + 3) {
        from = streetAt;
      }
      story = story.substring(0, from).replaceFirst("(家住在?|住在?|家庭住址|地址|住址)\\s*:?\\s*$", "") + " "
          + story.substring(at + community.length());
    }
    String name = draft.getString("name");
    // "我叫童佳怡身份证…": the name said is taken out before any four characters after 我叫 are.
    String named = name == null ? story : story.replace("我叫" + name, " ").replace("名字叫" + name, " ");
    String rest = DIGIT_GROUPS.matcher(named).replaceAll(m -> m.group().replaceAll("[^0-9Xx]", "").length() >= 10 ? " "
            : Matcher.quoteReplacement(m.group()))
        .replaceAll("(我叫|名字叫|名字是|姓名是?|申请人)\\s*[\\u4e00-\\u9fa5·]{2,4}", " ")
        // A label where its number was ("手机 "), not the same word in the story ("手机充电器炸了").
        .replaceAll("(身份证号?码?|联系电话|电话号?码?|手机号?码?|联系方式)\\s*(是|:)?(?=\\s|$)", " ")
        .replaceAll("(这个)?(我想|我要|想|要|来|能不能|能|可以|可不可以)?(申请|报)(一下|个)?[^,,。\\s]{0,6}民生保险(理赔)?(吧|吗|不)?", " ")
        .replaceAll("帮(我|她|他|我们)(登记|报(?!个?案)|弄|办|申请)(一下|下)?", " ")
        .replaceAll("(帮我|给我|我想|我要|想|要)?(报案|报个案|理赔|申请理赔|报险)", " ");
    rest = NOT_STORY.matcher(rest).replaceAll(" ");
    if (name != null) {
      // "…18号的刘桂香身份证…", "我是陈志高": a name said in passing has its own field too.
      rest = rest.replace("的" + name, " ").replace(name, " ").replaceAll("(我是|我叫)\\s", " ");
    }
    rest = rest.replaceAll("\\s+", " ").strip();
    // The message is long enough to be the account as before; what is kept is what it tells, not what it asks.
    String told = toldNotAsked(rest);
    if (rest.replaceAll("[\\s\\p{P}]", "").length() >= enough && told.replaceAll("[\\s\\p{P}]", "").length() >= SHORT_STORY) {
      draft.put("description", PersonalData.mask(told));
    }
  }

  /** A pasted template's line telling what happened: "经过:…", "事情:…", "情况说明:…". */
  private static final Pattern STORY_LINE = Pattern.compile(
      "(?:^|\\n)\\s*(?:事情经过|事故经过|经过|事情|情况说明|情况|事由|原因|发生了什么|怎么回事)\\s*:\\s*([^\\n]+)");

  /** A clause about the insurance or filing, or one that asks ("民生保险还能报不", "现在报还来得及吗", "要报"). */
  private static final Pattern ABOUT_FILING = Pattern.compile(
      "保险|理赔|报案|报险|赔|^(?:我|那|就)?(?:要|想|得|能|可以)?报(?:一下|下|吧|了|哈)?$|(?:吗|呢|么|不|没|啵|撒)$|[??]");

  /**
   * What happened, without the clauses that ask about the insurance or say the wish to file ("6月底暴雨我家被淹了 民生保险
   * 还能报不 要报" tells only "6月底暴雨我家被淹了"). A clause that also tells the loss stays (voice text has one clause).
   */
  private String toldNotAsked(String rest) {
    StringBuilder kept = new StringBuilder();
    for (String clause : rest.split("\\s+")) {
      if (!clause.isEmpty() && (!ABOUT_FILING.matcher(clause).find() || namesALoss(clause))) {
        kept.append(clause).append(' ');
      }
    }
    return kept.toString().strip();
  }

  /** "东亭社区3栋2单元101 电话… 前天暴雨": the address ends where another field or the story begins. */
  /**
   * "报案 万齐 420106 19991008 0197 手机…": everything said at once, the word standing just before the ID number is
   * whose it is, when it reads as a name.
   */
  static Optional<String> nameBeforeId(String t) {
    Matcher m = NAME_BEFORE_ID.matcher(t);
    return m.find() && NameReader.looksLikeAName(m.group(1)) ? Optional.of(m.group(1)) : Optional.empty();
  }

  static String trimAddress(String said) {
    String cut = said.split("(电话|手机|身份证|我叫|名字|姓名|[0-9]{11,})", 2)[0].strip()
        .replaceFirst("^(就是|那个|这个|住在?|在)+", "");
    // "武车一村社区18号的刘桂香": voice text runs the address on into the name.
    Matcher name = NameReader.AFTER_ADDRESS.matcher(cut);
    if (name.find() && NameReader.looksLikeAName(name.group(1))) {
      // "长轮社区的姚翠萍住在3栋1单元501": the building and door may follow the name.
      Matcher door = LIVES_AT.matcher(cut.substring(name.end()));
      cut = cut.substring(0, name.start()) + (door.find() ? door.group(1) : "");
    }
    Matcher head = ADDRESS_HEAD.matcher(cut);
    if (head.lookingAt() && head.end() > 0 && STORY.matcher(cut.substring(head.end())).find()) {
      cut = cut.substring(0, head.end());
    }
    StringBuilder kept = new StringBuilder();
    for (String part : cut.split("[\\s,,。;;]+")) {
      if (part.isEmpty()) {
        continue;
      }
      if (kept.length() > 0 && (!ADDRESS_PART.matcher(part).find() || STORY.matcher(part).find())) {
        break;
      }
      kept.append(kept.length() > 0 ? " " : "").append(part);
    }
    return kept.toString().strip();
  }
}
