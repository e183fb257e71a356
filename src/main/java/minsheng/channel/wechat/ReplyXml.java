package minsheng.channel.wechat;

import java.util.List;

/** Passive replies in the platform's XML format, answered in the body of the push they reply to. */
public final class ReplyXml {
  /** A passive reply that answers a resident's message may carry only one article; other pushes up to eight. */
  public static final int MAX_ARTICLES = 8;

  private ReplyXml() {
  }

  /**
   * @param toUser the resident's OpenID (the push's FromUserName)
   * @param fromUser the official account (the push's ToUserName)
   * @param createTime unix seconds
   */
  public static String text(String toUser, String fromUser, long createTime, String content) {
    return head(toUser, fromUser, createTime, "text")
        .append("<Content>").append(cdata(content)).append("</Content></xml>")
        .toString();
  }

  /** A news reply with 1..{@value #MAX_ARTICLES} articles. */
  public static String news(String toUser, String fromUser, long createTime, List<NewsArticle> articles) {
    if (articles == null || articles.isEmpty() || articles.size() > MAX_ARTICLES) {
      throw new IllegalArgumentException("a news reply has 1 to " + MAX_ARTICLES + " articles");
    }
    StringBuilder xml = head(toUser, fromUser, createTime, "news")
        .append("<ArticleCount>").append(articles.size()).append("</ArticleCount><Articles>");
    for (NewsArticle a : articles) {
      xml.append("<item>")
          .append("<Title>").append(cdata(a.title())).append("</Title>")
          .append("<Description>").append(cdata(a.description())).append("</Description>")
          .append("<PicUrl>").append(cdata(a.picUrl())).append("</PicUrl>")
          .append("<Url>").append(cdata(a.url())).append("</Url>")
          .append("</item>");
    }
    return xml.append("</Articles></xml>").toString();
  }

  /**
   * {@code text} cut to at most {@code maxUtf8Bytes} UTF-8 bytes (the platform truncates or refuses longer text
   * replies). The cut falls after the last sentence end (。！？!? or a line break) when that keeps at least half
   * of the allowed bytes, otherwise at the last whole character that fits; a surrogate pair is never split.
   */
  public static String fitTextBytes(String text, int maxUtf8Bytes) {
    if (maxUtf8Bytes < 0) {
      throw new IllegalArgumentException("maxUtf8Bytes must not be negative");
    }
    if (text == null) {
      return "";
    }
    int bytes = 0;
    int end = 0;
    int sentenceEnd = -1;
    int sentenceEndBytes = 0;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      int size = utf8Length(cp);
      if (bytes + size > maxUtf8Bytes) {
        break;
      }
      bytes += size;
      end += Character.charCount(cp);
      if (isSentenceEnd(cp)) {
        sentenceEnd = end;
        sentenceEndBytes = bytes;
      }
    }
    if (end == text.length()) {
      return text;
    }
    // A sentence end near the start would throw away most of the answer; a hard cut reads better then.
    if (sentenceEnd > 0 && sentenceEndBytes * 2 >= maxUtf8Bytes) {
      end = sentenceEnd;
    }
    return text.substring(0, end).stripTrailing();
  }

  private static boolean isSentenceEnd(int cp) {
    return cp == '。' || cp == '！' || cp == '？' || cp == '!' || cp == '?' || cp == '\n';
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80) {
      return 1;
    } else if (cp < 0x800) {
      return 2;
    } else if (cp < 0x10000) {
      // Includes a lone surrogate, which the encoder replaces with one byte: over-counting is safe.
      return 3;
    }
    return 4;
  }

  private static StringBuilder head(String toUser, String fromUser, long createTime, String msgType) {
    return new StringBuilder(256)
        .append("<xml><ToUserName>").append(cdata(toUser)).append("</ToUserName>")
        .append("<FromUserName>").append(cdata(fromUser)).append("</FromUserName>")
        .append("<CreateTime>").append(createTime).append("</CreateTime>")
        .append("<MsgType>").append(cdata(msgType)).append("</MsgType>");
  }

  /**
   * A CDATA section holding {@code value} exactly: "]]>" is split across two sections, and characters XML 1.0
   * cannot carry at all (control characters, lone surrogates) are dropped rather than making the reply unparseable.
   */
  static String cdata(String value) {
    String clean = xmlChars(value == null ? "" : value);
    return "<![CDATA[" + clean.replace("]]>", "]]]]><![CDATA[>") + "]]>";
  }

  /** Character-data escaping for the few values not sent as CDATA. */
  static String escape(String value) {
    return xmlChars(value == null ? "" : value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String xmlChars(String s) {
    StringBuilder out = null;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD
          || (cp >= 0x20 && cp <= 0xD7FF)
          || (cp >= 0xE000 && cp <= 0xFFFD)
          || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok && out == null) {
        out = new StringBuilder(s.length()).append(s, 0, i);
      } else if (ok && out != null) {
        out.appendCodePoint(cp);
      }
      i += n;
    }
    return out == null ? s : out.toString();
  }
}
