package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEventCondition;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stream as read and the status the operator would write for it.
 *
 * @param input the stream as read (its metadata unchanged: no namespace is added)
 * @param status the composed status
 */
public record ResolvedStream(ImageStream input, ImageStreamStatus status) {

  /** One tag, or the stream as a whole, that did not resolve. */
  public record Failure(String stream, String tag, String reason, String message) {
    /** {@code stream:tag: Reason: message}, or {@code stream: Reason: message}. */
    public String line() {
      return (tag == null ? stream : stream + ":" + tag) + ": " + reason + ": " + message;
    }
  }

  /** {@code name}, or {@code namespace/name} when the input names a namespace. */
  public String displayName() {
    String namespace = input.getMetadata().getNamespace();
    String name = input.getMetadata().getName();
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  /** The stream with its status, as the operator would leave it in the cluster. */
  public ImageStream output() {
    ImageStream output = new ImageStream();
    output.setMetadata(input.getMetadata());
    output.setSpec(input.getSpec());
    output.setStatus(status);
    return output;
  }

  /**
   * Every tag whose import or reference failed, in status order; when none failed but the stream is
   * not ready (duplicate tag names), the stream itself.
   */
  public List<Failure> failures() {
    List<Failure> failures = new ArrayList<>();
    for (NamedTagEventList tag : status == null ? List.<NamedTagEventList>of() : status.tagList()) {
      Optional<TagEventCondition> failed = tag.importCondition();
      failed.ifPresent(
          c -> failures.add(new Failure(displayName(), tag.tag(), c.reason(), c.message())));
    }
    if (failures.isEmpty() && status != null) {
      status
          .condition(ImageStreamStatus.READY)
          .filter(c -> !"True".equals(c.getStatus()))
          .ifPresent(c -> failures.add(streamFailure(c)));
    }
    return failures;
  }

  private Failure streamFailure(Condition ready) {
    return new Failure(displayName(), null, ready.getReason(), ready.getMessage());
  }
}
