package minsheng.dialogue;

import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import minsheng.claims.Claim;
import minsheng.claims.ClaimStore;
import minsheng.claims.Parsed;
import minsheng.claims.PersonalData;
import minsheng.claims.PhotoLinks;
import org.bson.Document;

/**
 * Photos and documents for a claim: WeChat images and image links sent in text, to the draft being filled or,
 * after submission, to the claim itself (a supplement the insurer asked for, or documents the resident promised
 * for later). Each is the resident's attachment — kind, URL, when, how it came — judged by {@link PhotoLinks}
 * from its literal text; nothing here ever fetches a URL.
 */
final class ClaimAttachments {
  /** "好了", "那没有了", "就这三张", "照片算了 不发了": the resident has sent all they will send. */
  static final Pattern DONE = Pattern.compile("^(那就?|就)?(好了|好的了|没有了|没了|完了|发完了|就这些|就这样|完成|没得了|冇得了"
      + "|莫得了|没有吧|没有啦)|^(就|只有|只)这?[一两二三四五六七八九十几0-9]?[张份个]了?$|^就这些|不发了|不拍了|不用发了|不传了");
  /** What residents call the papers (as opposed to photos of the damage). */
  private static final Pattern DOCUMENT_WORDS = Pattern.compile("诊断书|证明|病历|发票|收据|材料|户口本|身份证照片|单子");
  private static final Pattern DOCUMENT_FILE = Pattern.compile("(?i)\\.pdf(\\?.*)?$");
  static final String SOURCE_LINK = "link";
  static final String SOURCE_WECHAT = "wechat";

  private final ClaimDrafts drafts;
  private final ClaimStore claims;
  private final PhotoLinks photoLinks;
  private final Clock clock;
  private final Replies replies;

  ClaimAttachments(ClaimDrafts drafts, ClaimStore claims, PhotoLinks photoLinks, Clock clock, Replies replies) {
    this.drafts = drafts;
    this.claims = claims;
    this.photoLinks = photoLinks;
    this.clock = clock;
    this.replies = replies;
  }

  /** An attachment as the draft keeps it. */
  Document item(String url, String said, String source) {
    return new Document("kind", kindOf(url, said)).append("url", url).append("at", new Date(clock.millis()))
        .append("source", source);
  }

  static String kindOf(String url, String said) {
    return DOCUMENT_FILE.matcher(url).find() || DOCUMENT_WORDS.matcher(said == null ? "" : said).find()
        ? "document" : "photo";
  }

  /** A link the resident typed, judged: the URL to keep, or why not (the resident's words). */
  Parsed<String> typed(String link) {
    return photoLinks.typed(link);
  }

  /** A photo from the platform (WeChat media): what to attach, or why it is refused. */
  Parsed<String> platformPhoto(String mediaId, String picUrl) {
    return photoLinks.wechat(mediaId, picUrl);
  }

  /**
   * After submission, the resident's next messages go to the claim (see {@link ClaimDrafts#openSupplement}):
   * "好了" closes it; a link sent as a photo is attached; words are added to the description only when the insurer
   * asked for more (NEEDS_INFO). Empty: not the supplement's (the form or the assistant takes the message).
   */
  Future<Optional<String>> supplement(Document d, String text) {
    String claimNo = d.getString("claimNo");
    boolean documentsOnly = "documents".equals(d.getString("mode"));
    if (DONE.matcher(text).find()) {
      return drafts.delete(d).map(v -> Optional.of(line("supplementDone").replace("{claimNo}", claimNo)));
    }
    List<String> links = PhotoLinks.sentAsPhotos(text);
    if (links.isEmpty()) {
      if (documentsOnly) {
        return Future.succeededFuture(Optional.empty());
      }
      // Words, links among them, are words: they go to the description.
      return claims.addToDescription(claimNo, PersonalData.mask(text)).compose(v -> kept(d));
    }
    List<Document> items = new ArrayList<>();
    for (String link : links) {
      Parsed<String> photo = photoLinks.typed(link);
      if (photo instanceof Parsed.Invalid<String> refused) {
        // One refused link and none is kept: the resident sends them again without it.
        return Future.succeededFuture(Optional.of(refused.reasonForResident()));
      }
      items.add(item(photo.orElseThrow(), text, SOURCE_LINK));
    }
    Future<Void> added = Future.succeededFuture();
    for (Document item : items) {
      added = added.compose(v -> toClaim(claimNo, item));
    }
    return added.compose(v -> kept(d));
  }

  /** A photo from the platform to the claim awaiting more (a supplement): what to say. */
  Future<Optional<String>> platformPhotoTo(Document supplement, String url) {
    return toClaim(supplement.getString("claimNo"), item(url, "", SOURCE_WECHAT)).compose(v -> kept(supplement));
  }

  /** Whether {@code reply} is the one given for a photo just kept on the draft (its words before the count). */
  boolean justKept(String reply) {
    String line = line("photoKeptNext");
    int count = line.indexOf("{count}");
    return reply != null && count > 0 && reply.startsWith(line.substring(0, count));
  }

  /** "收到,已补充到您的理赔里(第2份)": numbered, so that photo after photo never gets the same reply. */
  private Future<Optional<String>> kept(Document supplement) {
    return drafts.countSupplement(supplement).map(n -> Optional.of(kept("supplementKept", n)));
  }

  String kept(String key, int count) {
    return line(key).replace("{count}", String.valueOf(count));
  }

  private Future<Void> toClaim(String claimNo, Document item) {
    return claims.addAttachment(claimNo, toAttachment(item));
  }

  /** A claim attachment from a draft's item. */
  static Claim.Attachment toAttachment(Document item) {
    Date at = item.getDate("at");
    return new Claim.Attachment("image", item.getString("url"), item.getString("kind"),
        at == null ? null : at.toInstant(), item.getString("source"));
  }

  private String line(String key) {
    return String.valueOf(replies.section("claim").get(key));
  }
}
