package minsheng.channel.wechat;

/**
 * A request body or envelope that does not follow the official-account protocol: bad XML, a forbidden DOCTYPE,
 * a ciphertext that does not decrypt to the expected layout. The HTTP layer answers these with a client error;
 * the message deliberately stays generic so that it can be logged but tells a caller nothing useful to probe with.
 */
public final class WechatProtocolException extends RuntimeException {
  public WechatProtocolException(String message) {
    super(message);
  }

  public WechatProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
