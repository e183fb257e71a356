package minsheng.channel.wechat;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses the XML the platform pushes. The body arrives before any signature has been checked in safe mode (the
 * ciphertext is inside it), so the parser is locked down: no DOCTYPE at all, hence no entities, no external DTDs,
 * no XInclude. It streams through the body once (no DOM: a push is a flat list of fields, and the tree was a tenth
 * of what a message allocated) and reads the text of the root's children. Every failure becomes a
 * {@link WechatProtocolException}.
 */
public final class WechatXml {
  /** Platform pushes are a few kilobytes; anything far larger is not from the platform. */
  static final int MAX_CHARS = 1 << 20;

  /** Factories are configured once per thread: the specification does not promise they are thread-safe. */
  private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(WechatXml::hardenedFactory);

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

  /** Text of the root's direct children (with any text nested in them); the first copy of a repeated field. */
  private static Map<String, String> fields(String xml) {
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.get().createXMLStreamReader(new StringReader(xml));
      Map<String, String> fields = new HashMap<>();
      int depth = 0;
      boolean rootSeen = false;
      String field = null;
      StringBuilder text = new StringBuilder();
      while (reader.hasNext()) {
        switch (reader.next()) {
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
              throw new WechatProtocolException("body is not acceptable XML (a DOCTYPE or an entity)");
          case XMLStreamConstants.START_ELEMENT -> {
            depth++;
            if (depth == 1) {
              if (rootSeen || !"xml".equals(reader.getLocalName())) {
                throw new WechatProtocolException("root element is not <xml>");
              }
              rootSeen = true;
            } else if (depth == 2) {
              field = reader.getLocalName();
              text.setLength(0);
            }
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
            if (depth >= 2) {
              text.append(reader.getText());
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (depth == 2) {
              // The platform never repeats a field; if a body does, a later copy must not override the first.
              fields.putIfAbsent(field, text.toString());
            }
            depth--;
          }
          default -> {
          }
        }
      }
      if (!rootSeen) {
        throw new WechatProtocolException("root element is not <xml>");
      }
      return fields;
    } catch (XMLStreamException | RuntimeException e) {
      if (e instanceof WechatProtocolException w) {
        throw w;
      }
      // The parser's message may quote the body: cause only.
      throw new WechatProtocolException("body is not acceptable XML", e);
    } finally {
      if (reader != null) {
        try {
          reader.close();
        } catch (XMLStreamException ignored) {
          // nothing was held open: the body is a string
        }
      }
    }
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

  private static XMLInputFactory hardenedFactory() {
    // The JDK's own implementation: its property names are known, whatever else is on the classpath.
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    f.setProperty(XMLInputFactory.IS_VALIDATING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f;
  }
}
