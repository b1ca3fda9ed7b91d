package dev.imagestreams.engine.config;

/** A configuration value is invalid; the message names the key and what is wrong. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
