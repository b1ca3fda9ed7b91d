package dev.imagestreams.engine.status;

/** Text that goes into conditions and Events, which the API server and users want short. */
public final class Messages {
  private Messages() {}

  /** The message cut to at most {@code max} characters, {@code ...} marking a cut. */
  public static String truncate(String message, int max) {
    return message.length() <= max ? message : message.substring(0, max - 3) + "...";
  }
}
