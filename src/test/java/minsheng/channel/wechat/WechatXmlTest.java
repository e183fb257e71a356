package minsheng.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import me.chanjar.weixin.mp.bean.message.WxMpXmlMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every message type the platform pushes, in its documented format, read by us and by WxJava as the independent
 * reader; and the hostile or broken bodies the parser must refuse.
 */
class WechatXmlTest {
  static final String HEAD = "<xml><ToUserName><![CDATA[gh_minsheng]]></ToUserName>"
      + "<FromUserName><![CDATA[oResident1]]></FromUserName><CreateTime>1751790000</CreateTime>";

  static String push(String body) {
    return HEAD + body + "</xml>";
  }

  static InboundMessage parseBoth(String xml, WxMpXmlMessage[] peer) {
    peer[0] = WxMpXmlMessage.fromXml(xml);
    InboundMessage m = WechatXml.parse(xml);
    assertThat(m.toUserName()).isEqualTo(peer[0].getToUser()).isEqualTo("gh_minsheng");
    assertThat(m.fromUserName()).isEqualTo(peer[0].getFromUser()).isEqualTo("oResident1");
    assertThat(m.createTime()).isEqualTo(peer[0].getCreateTime()).isEqualTo(1751790000L);
    return m;
  }

  @Test
  void text() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage m = parseBoth(push("<MsgType><![CDATA[text]]></MsgType>"
        + "<Content><![CDATA[ 房子被淹了 <怎么办> & ]]]]><![CDATA[> ]]></Content><MsgId>24000000000000001</MsgId>"), wx);
    assertThat(m.msgType()).isEqualTo("text");
    assertThat(m.isEvent()).isFalse();
    assertThat(m.content()).isEqualTo(wx[0].getContent()).isEqualTo(" 房子被淹了 <怎么办> & ]]> ");
    assertThat(m.msgId()).isEqualTo(String.valueOf(wx[0].getMsgId())).isEqualTo("24000000000000001");
    assertThat(m.dedupKey()).isEqualTo("24000000000000001");
    assertThat(m.event()).isNull();
    assertThat(m.encrypt()).isNull();
  }

  @Test
  void image() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage m = parseBoth(push("<MsgType><![CDATA[image]]></MsgType>"
        + "<PicUrl><![CDATA[http://mmbiz.qpic.cn/pic1]]></PicUrl><MediaId><![CDATA[media_id_1]]></MediaId>"
        + "<MsgId>24000000000000002</MsgId>"), wx);
    assertThat(m.msgType()).isEqualTo("image");
    assertThat(m.picUrl()).isEqualTo(wx[0].getPicUrl()).isEqualTo("http://mmbiz.qpic.cn/pic1");
    assertThat(m.mediaId()).isEqualTo(wx[0].getMediaId()).isEqualTo("media_id_1");
    assertThat(m.msgId()).isEqualTo("24000000000000002");
  }

  @Test
  void voiceWithAndWithoutRecognition() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage plain = parseBoth(push("<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_v]]></MediaId>"
        + "<Format><![CDATA[amr]]></Format><MsgId>24000000000000003</MsgId>"), wx);
    assertThat(plain.msgType()).isEqualTo("voice");
    assertThat(plain.mediaId()).isEqualTo(wx[0].getMediaId()).isEqualTo("media_v");
    assertThat(plain.format()).isEqualTo(wx[0].getFormat()).isEqualTo("amr");
    assertThat(plain.recognition()).isNull();

    InboundMessage recognised = parseBoth(push("<MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_v]]></MediaId>"
        + "<Format><![CDATA[amr]]></Format><Recognition><![CDATA[我家房子塌了]]></Recognition>"
        + "<MsgId>24000000000000004</MsgId>"), wx);
    assertThat(recognised.recognition()).isEqualTo(wx[0].getRecognition()).isEqualTo("我家房子塌了");
  }

  @ParameterizedTest
  @ValueSource(strings = {"video", "shortvideo"})
  void videoAndShortVideo(String type) {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage m = parseBoth(push("<MsgType><![CDATA[" + type + "]]></MsgType>"
        + "<MediaId><![CDATA[media_video]]></MediaId><ThumbMediaId><![CDATA[thumb_1]]></ThumbMediaId>"
        + "<MsgId>24000000000000005</MsgId>"), wx);
    assertThat(m.msgType()).isEqualTo(type);
    assertThat(m.mediaId()).isEqualTo(wx[0].getMediaId()).isEqualTo("media_video");
    assertThat(m.thumbMediaId()).isEqualTo(wx[0].getThumbMediaId()).isEqualTo("thumb_1");
  }

  @Test
  void location() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage m = parseBoth(push("<MsgType><![CDATA[location]]></MsgType>"
        + "<Location_X>30.541093</Location_X><Location_Y>114.360734</Location_Y><Scale>15</Scale>"
        + "<Label><![CDATA[武汉市武昌区水果湖街]]></Label><MsgId>24000000000000006</MsgId>"), wx);
    assertThat(m.msgType()).isEqualTo("location");
    assertThat(Double.valueOf(m.locationX())).isEqualTo(wx[0].getLocationX()).isEqualTo(30.541093);
    assertThat(Double.valueOf(m.locationY())).isEqualTo(wx[0].getLocationY()).isEqualTo(114.360734);
    assertThat(Double.valueOf(m.scale())).isEqualTo(wx[0].getScale()).isEqualTo(15.0);
    assertThat(m.label()).isEqualTo(wx[0].getLabel()).isEqualTo("武汉市武昌区水果湖街");
  }

  @Test
  void link() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage m = parseBoth(push("<MsgType><![CDATA[link]]></MsgType><Title><![CDATA[民生保险简介]]></Title>"
        + "<Description><![CDATA[武昌区民生保险]]></Description><Url><![CDATA[https://example.org/a?b=1&c=2]]></Url>"
        + "<MsgId>24000000000000007</MsgId>"), wx);
    assertThat(m.msgType()).isEqualTo("link");
    assertThat(m.title()).isEqualTo(wx[0].getTitle()).isEqualTo("民生保险简介");
    assertThat(m.description()).isEqualTo(wx[0].getDescription()).isEqualTo("武昌区民生保险");
    assertThat(m.url()).isEqualTo(wx[0].getUrl()).isEqualTo("https://example.org/a?b=1&c=2");
  }

  @Test
  void subscribeAndUnsubscribeEvents() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage subscribe = parseBoth(push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"), wx);
    assertThat(subscribe.isEvent()).isTrue();
    assertThat(subscribe.event()).isEqualTo(wx[0].getEvent()).isEqualTo("subscribe");
    assertThat(subscribe.msgId()).isNull();
    assertThat(subscribe.dedupKey()).isEqualTo("oResident1:1751790000");

    InboundMessage scanned = parseBoth(push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"
        + "<EventKey><![CDATA[qrscene_123123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"), wx);
    assertThat(scanned.eventKey()).isEqualTo(wx[0].getEventKey()).isEqualTo("qrscene_123123");

    InboundMessage unsubscribe = parseBoth(push("<MsgType><![CDATA[event]]></MsgType>"
        + "<Event><![CDATA[unsubscribe]]></Event>"), wx);
    assertThat(unsubscribe.event()).isEqualTo("unsubscribe");
  }

  @Test
  void clickAndViewEventsAreLowerCased() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage click = parseBoth(push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>"
        + "<EventKey><![CDATA[MENU_CLAIM]]></EventKey>"), wx);
    assertThat(click.event()).isEqualTo(wx[0].getEvent().toLowerCase()).isEqualTo("click");
    assertThat(click.eventKey()).isEqualTo(wx[0].getEventKey()).isEqualTo("MENU_CLAIM");

    InboundMessage view = parseBoth(push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[VIEW]]></Event>"
        + "<EventKey><![CDATA[https://example.org/policy]]></EventKey>"), wx);
    assertThat(view.event()).isEqualTo("view");
    assertThat(view.eventKey()).isEqualTo("https://example.org/policy");
  }

  @Test
  void locationEvent() {
    WxMpXmlMessage[] wx = new WxMpXmlMessage[1];
    InboundMessage m = parseBoth(push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[LOCATION]]></Event>"
        + "<Latitude>23.137466</Latitude><Longitude>113.352425</Longitude><Precision>119.385040</Precision>"), wx);
    assertThat(m.event()).isEqualTo("location");
    assertThat(Double.valueOf(m.latitude())).isEqualTo(wx[0].getLatitude()).isEqualTo(23.137466);
    assertThat(Double.valueOf(m.longitude())).isEqualTo(wx[0].getLongitude()).isEqualTo(113.352425);
    assertThat(Double.valueOf(m.precision())).isEqualTo(wx[0].getPrecision()).isEqualTo(119.38504);
    assertThat(m.dedupKey()).isEqualTo("oResident1:1751790000");
  }

  @Test
  void prettyPrintedXmlAndAnXmlDeclarationAreFine() {
    InboundMessage m = WechatXml.parse("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xml>\n"
        + "  <ToUserName><![CDATA[gh_minsheng]]></ToUserName>\n  <FromUserName> oResident1 </FromUserName>\n"
        + "  <CreateTime> 1751790000 </CreateTime>\n  <MsgType>TEXT</MsgType>\n  <Content>a &amp; b</Content>\n"
        + "  <MsgId>1</MsgId>\n</xml>\n");
    assertThat(m.fromUserName()).isEqualTo("oResident1");
    assertThat(m.createTime()).isEqualTo(1751790000L);
    assertThat(m.msgType()).isEqualTo("text");
    assertThat(m.content()).isEqualTo("a & b");
  }

  @Test
  void theSafeModeEnvelopeCarriesOnlyTheCiphertext() {
    InboundMessage m = WechatXml.parse("<xml><ToUserName><![CDATA[gh_minsheng]]></ToUserName>"
        + "<Encrypt><![CDATA[AbC+/=]]></Encrypt></xml>");
    assertThat(m.toUserName()).isEqualTo("gh_minsheng");
    assertThat(m.encrypt()).isEqualTo("AbC+/=");
    assertThat(m.createTime()).isZero();
    assertThat(m.msgType()).isNull();
  }

  @Test
  void retriesOfOneMessageShareADedupKeyAndDifferentMessagesDoNot() {
    String text = push("<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>42</MsgId>");
    assertThat(WechatXml.parse(text).dedupKey()).isEqualTo(WechatXml.parse(text).dedupKey()).isEqualTo("42");
    String event = push("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event>");
    String later = event.replace("1751790000", "1751790001");
    String otherUser = event.replace("oResident1", "oResident2");
    assertThat(WechatXml.parse(event).dedupKey()).isEqualTo(WechatXml.parse(event).dedupKey())
        .isNotEqualTo(WechatXml.parse(later).dedupKey())
        .isNotEqualTo(WechatXml.parse(otherUser).dedupKey());
  }

  @Test
  void externalEntitiesAreRefused() {
    assertRefused("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
        + push("<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId>"));
    assertRefused("<!DOCTYPE xml [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/evil.dtd\"> %p;]><xml/>");
    assertRefused("<!DOCTYPE xml SYSTEM \"http://127.0.0.1:1/evil.dtd\"><xml/>");
  }

  @Test
  void billionLaughsIsRefused() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE xml [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    assertRefused(dtd + push("<MsgType>text</MsgType><Content>&lol9;</Content>"));
  }

  @Test
  void aDoctypeAloneIsRefused() {
    assertRefused("<!DOCTYPE xml>" + push("<MsgType>text</MsgType><Content>hi</Content>"));
  }

  @Test
  void xincludeIsNotFollowed() {
    InboundMessage m = WechatXml.parse(push("<MsgType>text</MsgType><Content>"
        + "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>"
        + "</Content>"));
    assertThat(m.content()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<xml><ToUserName><![CDATA[gh_minsheng]]></ToUserName><Content>",
      "<xml><Content><![CDATA[unterminated</Content></xml>",
      "<xml></lmx>",
      "<xml/><xml/>",
      "hello",
      "{\"ToUserName\": \"gh_minsheng\"}",
      "   ",
      "",
      "<notxml><Content>hi</Content></notxml>",
      "<xml><CreateTime>yesterday</CreateTime></xml>",
      "<xml><Content>&unknown;</Content></xml>",
      "\u0000<xml/>"})
  void brokenBodiesAreRefused(String body) {
    assertRefused(body);
  }

  @Test
  void nullAndOversizedBodiesAreRefused() {
    assertRefused(null);
    assertRefused(push("<Content>" + "a".repeat(WechatXml.MAX_CHARS) + "</Content>"));
  }

  static void assertRefused(String body) {
    assertThatThrownBy(() -> WechatXml.parse(body)).isExactlyInstanceOf(WechatProtocolException.class);
  }
}
