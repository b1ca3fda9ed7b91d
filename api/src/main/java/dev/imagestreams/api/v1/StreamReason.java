package dev.imagestreams.api.v1;

import java.util.Optional;

/**
 * The reasons of a stream's {@code Ready} condition ({@link ImageStreamStatus#READY}) and of the
 * Events written on it, with their strings on the wire. None is transient in the sense of {@link
 * TagConditionReason#isTransient()}: a stream is retried through its tags' reasons, or by the
 * reconciliation's own retries for {@link #RECONCILE_FAILED}.
 */
public enum StreamReason {
  /** Ready=True: every tag resolved. Also the Event for tags that got a new image. */
  IMPORTED("Imported"),
  /** Ready=False: some tags failed to import. Also the Event for tags whose failure is new. */
  IMPORT_FAILED("ImportFailed"),
  /** Ready=False: {@code spec.tags} has duplicate names. */
  INVALID_SPEC("InvalidSpec"),
  /** Ready=False: the namespace is privileged. Also the Event, written once. */
  PRIVILEGED_NAMESPACE("PrivilegedNamespace"),
  /** Ready=False: the reconciliation failed unexpectedly. */
  RECONCILE_FAILED("ReconcileFailed");

  private final String wire;

  StreamReason(String wire) {
    this.wire = wire;
  }

  /** The reason as written in the condition or Event. */
  public String wire() {
    return wire;
  }

  /** Whether this is the reason a condition or Event carries. */
  public boolean is(String reason) {
    return wire.equals(reason);
  }

  /** The reason a condition string stands for; empty for one this operator does not write. */
  public static Optional<StreamReason> fromWire(String wire) {
    for (StreamReason reason : values()) {
      if (reason.wire.equals(wire)) {
        return Optional.of(reason);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wire;
  }
}
