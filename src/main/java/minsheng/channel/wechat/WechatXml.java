package minsheng.channel.wechat;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * Parses the XML the platform pushes. The body arrives before any signature has been checked in safe mode (the
 * ciphertext is inside it), so the parser is locked down: no DOCTYPE at all, hence no entities, no external DTDs,
 * no XInclude. Every failure becomes a {@link WechatProtocolException}.
 */
public final class WechatXml {
  /** Platform pushes are a few kilobytes; anything far larger is not from the platform. */
  static final int MAX_CHARS = 1 << 20;

  private static final DocumentBuilderFactory FACTORY = hardenedFactory();
  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(WechatXml::newBuilder);
  private static final ErrorHandler FAIL_FAST = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
    }

    @Override
    public void error(SAXParseException e) throws SAXParseException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXParseException {
      throw e;
    }
  };

  private WechatXml() {
  }

  /** The message in a push body (or the envelope of a safe-mode push). */
  public static InboundMessage parse(String xml) {
    if (xml == null || xml.isBlank()) {
      throw new WechatProtocolException("empty body");
    }
    if (xml.length() > MAX_CHARS) {
      throw new WechatProtocolException("body too large");
    }
    Map<String, String> fields = fields(xml);
    return new InboundMessage(
        trimmed(fields, "ToUserName"),
        trimmed(fields, "FromUserName"),
        createTime(trimmed(fields, "CreateTime")),
        lower(trimmed(fields, "MsgType")),
        trimmed(fields, "MsgId"),
        // The resident's own words: kept verbatim, whitespace included.
        fields.get("Content"),
        fields.get("Recognition"),
        trimmed(fields, "MediaId"),
        trimmed(fields, "Format"),
        trimmed(fields, "PicUrl"),
        trimmed(fields, "ThumbMediaId"),
        trimmed(fields, "Location_X"),
        trimmed(fields, "Location_Y"),
        trimmed(fields, "Scale"),
        trimmed(fields, "Label"),
        trimmed(fields, "Title"),
        trimmed(fields, "Description"),
        trimmed(fields, "Url"),
        lower(trimmed(fields, "Event")),
        trimmed(fields, "EventKey"),
        trimmed(fields, "Latitude"),
        trimmed(fields, "Longitude"),
        trimmed(fields, "Precision"),
        trimmed(fields, "Encrypt"));
  }

  /** Text of the root's direct children; nested structures (e.g. ScanCodeInfo) are not needed here. */
  private static Map<String, String> fields(String xml) {
    Document doc;
    DocumentBuilder builder = BUILDER.get();
    try {
      builder.setErrorHandler(FAIL_FAST);
      doc = builder.parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      // Includes the "DOCTYPE is disallowed" fatal error. The parser's message may quote the body: cause only.
      throw new WechatProtocolException("body is not acceptable XML", e);
    } finally {
      builder.reset();
    }
    Element root = doc.getDocumentElement();
    if (root == null || !"xml".equals(root.getTagName())) {
      throw new WechatProtocolException("root element is not <xml>");
    }
    Map<String, String> fields = new HashMap<>();
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n.getNodeType() == Node.ELEMENT_NODE) {
        // The platform never repeats a field; if a body does, a later copy must not override the first.
        fields.putIfAbsent(n.getNodeName(), n.getTextContent());
      }
    }
    return fields;
  }

  private static String trimmed(Map<String, String> fields, String name) {
    String value = fields.get(name);
    return value == null ? null : value.trim();
  }

  private static String lower(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  private static long createTime(String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new WechatProtocolException("CreateTime is not a number");
    }
  }

  private static DocumentBuilderFactory hardenedFactory() {
    // The JDK's own implementation: its feature names are known, whatever else is on the classpath.
    DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
    try {
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be hardened", e);
    }
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setNamespaceAware(false);
    f.setValidating(false);
    return f;
  }

  private static DocumentBuilder newBuilder() {
    try {
      // Factories are not guaranteed thread-safe; builders are made once per thread.
      synchronized (FACTORY) {
        return FACTORY.newDocumentBuilder();
      }
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the XML parser cannot be created", e);
    }
  }
}
