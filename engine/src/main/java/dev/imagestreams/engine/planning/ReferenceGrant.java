package dev.imagestreams.engine.planning;

import dev.imagestreams.api.v1.ImageStream;
import java.util.Arrays;

/**
 * Cross-namespace references are refused unless the source stream grants them: its annotation
 * {@value #ANNOTATION} lists the namespaces (comma-separated) whose streams may reference its tags,
 * or is {@code *} for every namespace. Only those who may edit the source stream can grant, so a
 * namespace cannot give itself access to another's images.
 */
public final class ReferenceGrant {
  public static final String ANNOTATION = "imagestreams.dev/allow-references-from";

  private ReferenceGrant() {}

  /** Whether the source stream lets streams of {@code namespace} reference it. */
  public static boolean allows(ImageStream source, String namespace) {
    if (source.getMetadata().getNamespace().equals(namespace)) {
      return true;
    }
    String value = source.annotation(ANNOTATION);
    if (value == null) {
      return false;
    }
    return Arrays.stream(value.split(","))
        .map(String::trim)
        .anyMatch(v -> v.equals("*") || v.equals(namespace));
  }

  /** The condition message when a reference is refused. */
  public static String refusal(String sourceNamespace, String sourceName, String namespace) {
    return "ImageStream "
        + sourceNamespace
        + "/"
        + sourceName
        + " does not allow references from namespace "
        + namespace
        + ": its owner can grant them with the annotation "
        + ANNOTATION
        + ": \""
        + namespace
        + "\"";
  }
}
