package dev.imagestreams.operator.events;

import dev.imagestreams.api.v1.StreamReason;

/**
 * An Event to write about a stream.
 *
 * @param type the Event's type
 * @param reason its reason
 * @param message its message
 */
record StreamEvent(Type type, StreamReason reason, String message) {
  /** The Event types, with their strings on the wire. */
  enum Type {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    String wire() {
      return wire;
    }
  }
}
