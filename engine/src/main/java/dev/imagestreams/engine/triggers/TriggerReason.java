package dev.imagestreams.engine.triggers;

/**
 * Why a trigger does not act (Warning Events on the workload), and the Normal Event of a write,
 * with their strings on the wire.
 */
public enum TriggerReason {
  /** The annotation is not a valid trigger list: no entry of it acts. */
  INVALID_ANNOTATION("InvalidImageTriggers"),
  /** A fieldPath that is not the kind's {@code ...containers[SELECTOR].image}. */
  INVALID_FIELD_PATH("InvalidTriggerFieldPath"),
  /** A fieldPath that selects no container of the workload. */
  CONTAINER_NOT_FOUND("TriggerContainerNotFound"),
  /** A source other than {@code ImageStreamTag}, or a name without a tag. */
  UNSUPPORTED_SOURCE("UnsupportedTriggerSource"),
  /** The stream it follows does not exist (or is not watched). */
  STREAM_NOT_FOUND("TriggerStreamNotFound"),
  /** The stream exists, but has no such tag. */
  TAG_NOT_FOUND("TriggerTagNotFound"),
  /** A stream of another namespace that does not grant this namespace references. */
  REFERENCE_REFUSED("TriggerReferenceRefused"),
  /** The workload is in a privileged namespace, where nothing is written. */
  PRIVILEGED_NAMESPACE("PrivilegedNamespace"),
  /** Normal: a container's image was set from its stream tag. */
  IMAGE_UPDATED("ImageTriggered");

  private final String wire;

  TriggerReason(String wire) {
    this.wire = wire;
  }

  /** The reason as written in the Event. */
  public String wire() {
    return wire;
  }

  @Override
  public String toString() {
    return wire;
  }
}
