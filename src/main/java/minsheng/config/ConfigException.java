package minsheng.config;

/** A configuration value that the service cannot start with; the message names the key and its variable. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
