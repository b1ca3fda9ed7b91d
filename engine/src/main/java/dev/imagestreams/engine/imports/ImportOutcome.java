package dev.imagestreams.engine.imports;

import dev.imagestreams.registry.ResolvedImage;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of one import of an {@link ImportKey}: the resolved image or the failure, and when it
 * was obtained. Shared by every tag that asked for the same key.
 *
 * @param image the resolved image, or null on failure
 * @param failure the failure, or null on success
 * @param completedAt when the registry answered
 */
public record ImportOutcome(ResolvedImage image, ImportFailure failure, Instant completedAt) {
  public ImportOutcome {
    if ((image == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of image and failure");
    }
    Objects.requireNonNull(completedAt);
  }

  public static ImportOutcome success(ResolvedImage image, Instant at) {
    return new ImportOutcome(image, null, at);
  }

  public static ImportOutcome failure(ImportFailure failure, Instant at) {
    return new ImportOutcome(null, failure, at);
  }

  public boolean succeeded() {
    return image != null;
  }
}
