package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutNewsMessage;
import me.chanjar.weixin.mp.bean.message.WxMpXmlOutTextMessage;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Passive replies, read back by WxJava and compared with the replies WxJava itself builds. */
class ReplyXmlTest {
  static final long NOW = 1751790001L;

  @Test
  void aTextReplyReadsBackInWxJava() {
    String content = "您好！房屋因暴雨倒塌属于自然灾害，可以理赔。😀 a]]>b <tag> & \"q\"";
    String xml = ReplyXml.text("oResident1", "gh_minsheng", NOW, content);
    WxMpXmlMessage wx = WxMpXmlMessage.fromXml(xml);
    assertThat(wx.getToUser()).isEqualTo("oResident1");
    assertThat(wx.getFromUser()).isEqualTo("gh_minsheng");
    assertThat(wx.getCreateTime()).isEqualTo(NOW);
    assertThat(wx.getMsgType()).isEqualTo("text");
    assertThat(wx.getContent()).isEqualTo(content);
    assertThat(WechatXml.parse(xml).content()).isEqualTo(content);
  }

  @Test
  void aTextReplyHasThePlatformFormat() {
    assertThat(ReplyXml.text("oResident1", "gh_minsheng", NOW, "你好"))
        .isEqualTo("<xml><ToUserName><![CDATA[oResident1]]></ToUserName>"
            + "<FromUserName><![CDATA[gh_minsheng]]></FromUserName><CreateTime>1751790001</CreateTime>"
            + "<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>");
  }

  @Test
  void aTextReplyMatchesWxJavasOwn() {
    // WxJava does not split "]]>" itself (its output would not parse), so the comparison leaves it out.
    WxMpXmlOutTextMessage wx = WxMpXmlOutMessage.TEXT().content("第一行\n第二行 <b> & 结束")
        .toUser("oResident1").fromUser("gh_minsheng").build();
    wx.setCreateTime(NOW);
    assertThat(tree(ReplyXml.text("oResident1", "gh_minsheng", NOW, "第一行\n第二行 <b> & 结束")))
        .containsExactlyInAnyOrderElementsOf(tree(wx.toXml()));
  }

  @Test
  void aNewsReplyMatchesWxJavasOwn() {
    List<NewsArticle> ours = List.of(
        new NewsArticle("民生保险能赔什么", "自然灾害、火灾爆炸、见义勇为", "https://example.org/p.png",
            "https://example.org/a?x=1&y=2"),
        new NewsArticle("如何报案", null, null, "https://example.org/b"));
    List<WxMpXmlOutNewsMessage.Item> items = new ArrayList<>();
    for (NewsArticle a : ours) {
      WxMpXmlOutNewsMessage.Item item = new WxMpXmlOutNewsMessage.Item();
      item.setTitle(a.title());
      item.setDescription(a.description() == null ? "" : a.description());
      item.setPicUrl(a.picUrl() == null ? "" : a.picUrl());
      item.setUrl(a.url());
      items.add(item);
    }
    WxMpXmlOutNewsMessage wx = WxMpXmlOutMessage.NEWS().articles(items)
        .toUser("oResident1").fromUser("gh_minsheng").build();
    wx.setCreateTime(NOW);

    String xml = ReplyXml.news("oResident1", "gh_minsheng", NOW, ours);
    // WxJava writes ArticleCount after Articles; the platform documents it before, and accepts either.
    assertThat(tree(xml)).containsExactlyInAnyOrderElementsOf(tree(wx.toXml()));
    assertThat(tree(xml)).containsSubsequence("/xml/MsgType=news", "/xml/ArticleCount=2",
        "/xml/Articles/item/Title=民生保险能赔什么", "/xml/Articles/item/Url=https://example.org/a?x=1&y=2",
        "/xml/Articles/item/Title=如何报案", "/xml/Articles/item/Description=");
    WxMpXmlMessage read = WxMpXmlMessage.fromXml(xml);
    assertThat(read.getToUser()).isEqualTo("oResident1");
    assertThat(read.getMsgType()).isEqualTo("news");
  }

  @Test
  void cdataTerminatorsInsideArticlesAreSplitSafely() {
    String xml = ReplyXml.news("oResident1", "gh_minsheng", NOW,
        List.of(new NewsArticle("a]]>b", "]]>]]>", null, "https://example.org/?q=]]>")));
    assertThat(tree(xml)).contains("/xml/Articles/item/Title=a]]>b", "/xml/Articles/item/Description=]]>]]>",
        "/xml/Articles/item/Url=https://example.org/?q=]]>");
  }

  @Test
  void aNewsReplyNeedsOneToEightArticles() {
    NewsArticle a = new NewsArticle("t", "d", "p", "u");
    assertThatThrownBy(() -> ReplyXml.news("u", "g", NOW, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplyXml.news("u", "g", NOW, null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplyXml.news("u", "g", NOW, Collections.nCopies(9, a)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReplyXml.news("u", "g", NOW, Collections.nCopies(8, a))).contains("<ArticleCount>8</ArticleCount>");
  }

  @Test
  void charactersXmlCannotCarryAreDroppedSoTheReplyStillParses() {
    String xml = ReplyXml.text("oResident1", "gh_minsheng", NOW, "a\u0000b\u0007c\uD800d\te");
    assertThat(WxMpXmlMessage.fromXml(xml).getContent()).isEqualTo("abcd\te");
  }

  @Test
  void aLongChineseAnswerIsCutAtASentenceEndWithin2048Bytes() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.toString().getBytes(StandardCharsets.UTF_8).length < 3000; i++) {
      text.append("第").append(i).append("条：房屋因自然灾害倒塌的，按保险条款给予赔付。");
    }
    String fitted = ReplyXml.fitTextBytes(text.toString(), 2048);
    byte[] bytes = fitted.getBytes(StandardCharsets.UTF_8);
    assertThat(bytes.length).isLessThanOrEqualTo(2048).isGreaterThan(2048 - 80);
    assertThat(decodesStrictly(bytes)).isEqualTo(fitted);
    assertThat(text.toString()).startsWith(fitted);
    assertThat(fitted).endsWith("。");
  }

  @Test
  void withoutASentenceEndTheCutIsAtTheLastWholeCharacter() {
    String text = "保".repeat(1000);
    String fitted = ReplyXml.fitTextBytes(text, 2048);
    assertThat(fitted).isEqualTo("保".repeat(682));
    // A sentence end only at the very start would throw most of the answer away: cut hard instead.
    assertThat(ReplyXml.fitTextBytes("好。" + text, 2048)).hasSize(682);
  }

  @Test
  void emojiAreNeverSplit() {
    String text = "😀".repeat(600);
    String fitted = ReplyXml.fitTextBytes(text, 2047);
    assertThat(fitted).isEqualTo("😀".repeat(511));
    assertThat(decodesStrictly(fitted.getBytes(StandardCharsets.UTF_8))).isEqualTo(fitted);
    assertThat(ReplyXml.fitTextBytes("a😀", 4)).isEqualTo("a");
    assertThat(ReplyXml.fitTextBytes("a😀", 5)).isEqualTo("a😀");
  }

  @Test
  void shortTextIsUntouched() {
    assertThat(ReplyXml.fitTextBytes("好的。谢谢 ", 2048)).isEqualTo("好的。谢谢 ");
    assertThat(ReplyXml.fitTextBytes("abc", 3)).isEqualTo("abc");
    assertThat(ReplyXml.fitTextBytes("abc", 0)).isEmpty();
    assertThat(ReplyXml.fitTextBytes(null, 10)).isEmpty();
    assertThatThrownBy(() -> ReplyXml.fitTextBytes("abc", -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLineBreakCountsAsASentenceEnd() {
    String text = "第一段内容比较长一些\n第二段" + "很".repeat(20);
    assertThat(ReplyXml.fitTextBytes(text, 40)).isEqualTo("第一段内容比较长一些");
  }

  static String decodesStrictly(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (Exception e) {
      throw new AssertionError("not valid UTF-8", e);
    }
  }

  /** Element paths and their text, in document order, ignoring formatting whitespace and CDATA boundaries. */
  static List<String> tree(String xml) {
    try {
      Element root = DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()
          .parse(new InputSource(new StringReader(xml))).getDocumentElement();
      List<String> out = new ArrayList<>();
      walk(root, "", out);
      return out;
    } catch (Exception e) {
      throw new AssertionError(xml, e);
    }
  }

  static void walk(Element e, String parent, List<String> out) {
    String path = parent + "/" + e.getTagName();
    boolean leaf = true;
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        leaf = false;
        walk(child, path, out);
      }
    }
    if (leaf) {
      out.add(path + "=" + e.getTextContent());
    }
  }
}
