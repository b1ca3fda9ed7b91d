package dev.imagestreams.operator.events;

/**
 * A transition of a tag worth an Event: a new image, or a new failure.
 *
 * @param tag the tag
 * @param kind what happened
 * @param detail the new pull spec, or the failure reason and message
 */
record TagChange(String tag, Kind kind, String detail) {
  /** The kinds of transition. */
  enum Kind {
    NEW_IMAGE,
    IMPORT_FAILED
  }
}
