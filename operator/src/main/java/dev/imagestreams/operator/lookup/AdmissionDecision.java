package dev.imagestreams.operator.lookup;

import java.util.List;

/**
 * The answer to one AdmissionReview.
 *
 * @param allowed whether the request is admitted
 * @param patch the images to replace ({@code JSON Patch} operations), empty for none
 * @param message why it is refused, or null
 */
record AdmissionDecision(boolean allowed, List<Replace> patch, String message) {
  static final AdmissionDecision UNCHANGED = new AdmissionDecision(true, List.of(), null);

  /** One {@code replace} operation: the image at {@code path} becomes {@code value}. */
  record Replace(String path, String value) {}

  static AdmissionDecision patch(List<Replace> patch) {
    return patch.isEmpty() ? UNCHANGED : new AdmissionDecision(true, List.copyOf(patch), null);
  }

  static AdmissionDecision refuse(String message) {
    return new AdmissionDecision(false, List.of(), message);
  }
}
