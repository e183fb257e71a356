package minsheng.claims;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of a resident's links may become a claim's photo: the one place for that rule. A claim's attachments go to
 * the insurer, whose systems may open them, so a link is judged by its literal text alone — the service never
 * resolves or fetches it — and only two kinds pass: the platform's own media (a WeChat {@code PicUrl} on one of
 * its image hosts, or a {@code MediaId}) and an {@code https} link to a public host that the resident sent as a
 * photo. Everything else ({@code file:}, {@code javascript:}, {@code data:}, plain {@code http:} elsewhere,
 * private, loopback, link-local and unique-local addresses, numeric host forms, local names) is refused with a
 * sentence the resident can act on.
 */
public final class PhotoLinks {
  static final String LINK_REFUSED =
      "这个链接不能当作现场照片收下。请直接发图片,或发以 https 开头的公开图片网址。";
  static final String NOT_AN_IMAGE =
      "这个链接看着不是图片或文件(要以 .jpg、.png、.pdf 这类结尾)。请直接发图片,或发图片本身的链接。";
  /** What a link to a photo or a scanned document ends with; a page, a video or a download is no attachment. */
  private static final Pattern IMAGE_PATH = Pattern.compile("(?i)\\.(jpe?g|png|gif|webp|heic|heif|bmp|tiff?|pdf)$");
  private static final Pattern IMAGE_QUERY = Pattern.compile("(?i)(^|&)(wx_fmt|format|fmt)=(jpe?g|png|gif|webp)(&|$)");
  static final String MEDIA_REFUSED = "这张图片没能收下,麻烦在对话框里重新发一次。";
  /** What is left of a "photo" message without its link: a few words like 照片在这, not a description. */
  private static final int MAX_WORDS_BESIDE_LINK = 12;
  private static final int WORDS_BETWEEN_LINKS = 5;
  /**
   * Anything that looks like a link: a scheme with "//", or one of the schemes that need none. It ends at a space, a
   * Chinese character or a full-width mark, so links listed with 、 or ， are each a link.
   */
  private static final Pattern LINK = Pattern.compile(
      "(?i)(?:[a-z][a-z0-9+.-]*://|(?:javascript|data|file|vbscript|blob|about|jar):)"
          + "[^\\s\"'<>\\p{IsHan}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]+");
  /** Sentence punctuation right after a link is not part of it (ASCII parentheses may be). */
  private static final String TRAILING_PUNCTUATION = "\u3002\uff0c,\u3001\uff1b;\uff01!\uff1f?\uff09\u3011\u300d\u300b.";
  private static final Pattern DOTTED_QUAD = Pattern.compile(
      "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final List<String> LOCAL_SUFFIXES = List.of(".localhost", ".local", ".localdomain", ".internal",
      ".intranet", ".lan", ".home", ".corp", ".home.arpa");

  private final Set<String> wechatHosts;

  /** {@code wechatHosts}: the platform's image hosts (configuration {@code wechat.mediaHosts}), lower case. */
  public PhotoLinks(Set<String> wechatHosts) {
    this.wechatHosts = Set.copyOf(wechatHosts);
  }

  /**
   * The link of a message sent as a photo: the whole message is one link, or one link with a few words beside it
   * ("照片在这 https://…/1.jpg"). Empty for a message that says more, or has no link or several.
   */
  public static Optional<String> sentAsPhoto(String text) {
    List<String> links = sentAsPhotos(text);
    return links.size() == 1 ? Optional.of(links.get(0)) : Optional.empty();
  }

  /**
   * The links of a message sent as photos: one or more links with at most a few words beside them ("拍了两张 https://…/1.jpg
   * https://…/2.jpg", "现场三张:…、…、…"), in the order sent. Empty for a message that says more, or has none.
   */
  public static List<String> sentAsPhotos(String text) {
    Matcher m = LINK.matcher(text);
    List<String> links = new ArrayList<>();
    StringBuilder outside = new StringBuilder();
    int from = 0;
    boolean labelsFit = true;
    while (m.find()) {
      String before = words(text.substring(from, m.start()));
      if (links.isEmpty()) {
        outside.append(before);
      } else {
        // Between links only a label fits ("第二张", "还有一张"), not a story.
        labelsFit &= before.codePointCount(0, before.length()) <= WORDS_BETWEEN_LINKS;
      }
      from = m.end();
      String link = m.group();
      int end = link.length();
      while (end > 0 && TRAILING_PUNCTUATION.indexOf(link.charAt(end - 1)) >= 0) {
        end--;
      }
      links.add(link.substring(0, end));
    }
    outside.append(words(text.substring(from)));
    return !links.isEmpty() && labelsFit && outside.codePointCount(0, outside.length()) <= MAX_WORDS_BESIDE_LINK
        ? List.copyOf(links) : List.of();
  }

  private static String words(String s) {
    return s.replaceAll("[\\s\\p{P}]", "");
  }

  /**
   * A link the resident typed as a photo: the link to attach, or why not. Besides the host rule, a link to
   * another host must name an image or a PDF by its path (or an image format in its query): its text is all there
   * is to judge by, since it is never fetched.
   */
  public Parsed<String> typed(String link) {
    if (!accepted(link, true)) {
      return Parsed.invalid(LINK_REFUSED);
    }
    URI uri = URI.create(link);
    String host = uri.getHost().toLowerCase(Locale.ROOT).replaceFirst("\\.$", "");
    boolean image = wechatHosts.contains(host) || uri.getPath() != null && IMAGE_PATH.matcher(uri.getPath()).find()
        || uri.getRawQuery() != null && IMAGE_QUERY.matcher(uri.getRawQuery()).find();
    return image ? Parsed.ok(link) : Parsed.invalid(NOT_AN_IMAGE);
  }

  /**
   * A photo message from the WeChat platform: its {@code PicUrl} when that is on the platform's image hosts, the
   * {@code MediaId} when there is no {@code PicUrl}; any other {@code PicUrl} is refused (the platform never sends
   * one, so the message did not come from it as it should).
   */
  public Parsed<String> wechat(String mediaId, String picUrl) {
    if (picUrl == null || picUrl.isBlank()) {
      return mediaId == null || mediaId.isBlank() || !mediaId.matches("[A-Za-z0-9_-]{1,128}")
          ? Parsed.invalid(MEDIA_REFUSED) : Parsed.ok("wechat-media:" + mediaId);
    }
    return accepted(picUrl.strip(), false) ? Parsed.ok(picUrl.strip()) : Parsed.invalid(MEDIA_REFUSED);
  }

  /** The rule, on the literal link: the platform's hosts, or (when {@code anyPublicHttps}) https to a public host. */
  private boolean accepted(String link, boolean anyPublicHttps) {
    URI uri;
    try {
      uri = new URI(link);
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http") || uri.getRawUserInfo() != null || uri.getHost() == null) {
      return false;
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (wechatHosts.contains(host)) {
      return true;
    }
    return anyPublicHttps && scheme.equals("https") && publicHost(host);
  }

  /** Decided from the text of the host alone: no name is looked up. */
  static boolean publicHost(String host) {
    if (host.startsWith("[")) {
      return publicAddress(literal(host));
    }
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (last.matches("[0-9]+") || last.matches("0x[0-9a-f]*") || host.matches("[0-9.x]+")) {
      // An address, not a name; only the plain dotted form is judged, the others (2130706433, 0x7f.1, 127.1,
      // 010.0.0.1) mean different addresses to different programs and are refused.
      return DOTTED_QUAD.matcher(host).matches() && publicAddress(literal(host));
    }
    if (!host.contains(".") || host.equals("localhost")) {
      return false;
    }
    return LOCAL_SUFFIXES.stream().noneMatch(host::endsWith);
  }

  /** An IP literal parsed without a name look-up (the text is an address, which getByName only parses). */
  private static InetAddress literal(String host) {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static boolean publicAddress(InetAddress a) {
    if (a == null || a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress()
        || a.isSiteLocalAddress() || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      // 0/8 "this network", 100.64/10 carrier-grade NAT, 240/4 reserved and broadcast.
      return first != 0 && !(first == 100 && (second & 0xc0) == 64) && first < 240;
    }
    // fc00::/7 unique-local.
    return (b[0] & 0xfe) != 0xfc;
  }
}
