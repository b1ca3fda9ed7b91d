package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.ObservedTagSource;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.plugin.output.TabWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One tag's section of {@code oc describe is/NAME}: its name and aliases, where it comes from, its
 * annotations, whether an import is under way, its import error and its history. Pure.
 */
final class TagDescriber {
  private TagDescriber() {}

  static void describe(
      ImageStream stream, String name, Set<String> aliases, DescribeFormat f, boolean refused) {
    TabWriter out = f.out();
    Optional<NamedTagEventList> status =
        stream.getStatus() == null ? Optional.empty() : stream.getStatus().tag(name);
    TagReference tag = stream.getSpec() == null ? null : stream.getSpec().tag(name).orElse(null);
    if (aliases != null && !aliases.isEmpty()) {
      out.print(name + " (" + String.join(", ", TagOrder.prioritized(aliases)) + ")\n");
    } else {
      out.print(name + "\n");
    }
    source(stream, tag, out);
    out.print("\n");
    if (tag != null) {
      annotations(tag, out);
      if (!refused && importing(tag, status.orElse(null))) {
        out.print("  ~ importing latest image ...\n");
      }
    }
    status.ifPresent(
        s -> {
          importErrors(s, f);
          history(s, f);
        });
  }

  /** Where the tag comes from, and how it is imported. */
  private static void source(ImageStream stream, TagReference tag, TabWriter out) {
    if (tag == null) {
      out.print("  no spec tag\n");
      return;
    }
    if (tag.from() == null) {
      out.print("  tag without source image\n");
      return;
    }
    TagSource from = tag.from();
    String source =
        from.namespace() != null
                && !from.namespace().isEmpty()
                && !from.namespace().equals(stream.getMetadata().getNamespace())
            ? from.namespace() + "/" + from.name()
            : from.name();
    out.print("  " + sourceLine(from.kind(), source, tag.referenceOnly(), tag.scheduledImport()));
    out.print("\n");
    if (tag.insecureImport()) {
      out.print("    will use insecure HTTPS or HTTP connections\n");
    }
    if (tag.referencePolicy() != null && "Local".equals(tag.referencePolicy().type())) {
      out.print("    prefer registry pullthrough when referencing this tag\n");
    }
  }

  private static String sourceLine(
      String kind, String source, boolean reference, boolean scheduled) {
    return switch (kind == null ? "" : kind) {
      case TagSource.IMAGE_STREAM_TAG ->
          reference
              ? "reference to " + source
              : scheduled ? "updates automatically from " + source : "tagged from " + source;
      case TagSource.DOCKER_IMAGE ->
          reference
              ? "reference to registry " + source
              : scheduled
                  ? "updates automatically from registry " + source
                  : "tagged from " + source;
      case TagSource.IMAGE_STREAM_IMAGE ->
          reference ? "reference to image " + source : "tagged from " + source;
      default ->
          reference ? "reference to " + kind + " " + source : "updates from " + kind + " " + source;
    };
  }

  /** The annotations {@code oc} shows: description, tags, supports and example repository. */
  private static void annotations(TagReference tag, TabWriter out) {
    boolean extra = false;
    String description = tag.annotation("description");
    if (notEmpty(description)) {
      out.print("  " + description + "\n");
      extra = true;
    }
    String tags = tag.annotation("tags");
    if (notEmpty(tags)) {
      out.print("  Tags: " + String.join(", ", tags.split(",")) + "\n");
      extra = true;
    }
    String supports = tag.annotation("supports");
    if (notEmpty(supports)) {
      out.print("  Supports: " + String.join(", ", supports.split(",")) + "\n");
      extra = true;
    }
    String sampleRepo = tag.annotation("sampleRepo");
    if (notEmpty(sampleRepo)) {
      out.print("  Example Repo: " + sampleRepo + "\n");
      extra = true;
    }
    if (extra) {
      out.print("\n");
    }
  }

  private static void importErrors(NamedTagEventList status, DescribeFormat f) {
    for (TagEventCondition condition : status.conditionList()) {
      if (TagEventCondition.IMPORT_SUCCESS.equals(condition.type())
          && "False".equals(condition.status())) {
        f.out()
            .print(
                "  ! error: Import failed ("
                    + condition.reason()
                    + "): "
                    + condition.message()
                    + "\n      "
                    + f.ago(condition.lastTransitionTime())
                    + "\n");
      }
    }
  }

  /** The images the tag had, newest first, each with its age (and its ID unless in its name). */
  private static void history(NamedTagEventList status, DescribeFormat f) {
    TabWriter out = f.out();
    List<TagEvent> items = status.itemList();
    for (int i = 0; i < items.size(); i++) {
      TagEvent event = items.get(i);
      out.print((i == 0 ? "  * " : "    ") + event.dockerImageReference() + "\n");
      String id = event.image();
      String referenced = digestOf(event.dockerImageReference());
      if (notEmpty(id) && !id.equals(referenced)) {
        out.print("      " + f.ago(event.created()) + "\t" + id + "\n");
      } else {
        out.print("      " + f.ago(event.created()) + "\n");
      }
    }
  }

  /**
   * Whether the tag's import has not been reflected in its status yet: the operator records what
   * each status tag was resolved from ({@code observedSource}); OpenShift compares generations.
   */
  static boolean importing(TagReference tag, NamedTagEventList status) {
    if (tag.referenceOnly() || tag.from() == null || !tag.from().isDockerImage()) {
      return false;
    }
    if (status == null) {
      return true;
    }
    ObservedTagSource observed = status.observedSource();
    return observed == null
        ? status.itemList().isEmpty() && status.conditionList().isEmpty()
        : !tag.from().name().equals(observed.name()) || !tag.from().kind().equals(observed.kind());
  }

  private static String digestOf(String reference) {
    if (reference == null) {
      return null;
    }
    int at = reference.lastIndexOf('@');
    return at < 0 ? null : reference.substring(at + 1);
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
