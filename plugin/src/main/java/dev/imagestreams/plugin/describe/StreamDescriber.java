package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.plugin.output.TabWriter;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code oc describe is/NAME}: the stream's metadata, repository, lookup policy, unique images and
 * each tag with its source, scheduling, insecure flag, import error and history with ages. Pure:
 * the time is passed in.
 */
public final class StreamDescriber {
  private StreamDescriber() {}

  public static String describe(ImageStream stream, Instant now) {
    TabWriter out = TabWriter.describe();
    DescribeFormat f = new DescribeFormat(out, now);
    ObjectMeta meta = stream.getMetadata();
    f.field("Name", meta.getName());
    if (meta.getNamespace() != null && !meta.getNamespace().isEmpty()) {
      f.field("Namespace", meta.getNamespace());
    }
    if (meta.getCreationTimestamp() != null) {
      f.time("Created", meta.getCreationTimestamp());
    }
    f.map("Labels", meta.getLabels());
    Map<String, String> annotations =
        meta.getAnnotations() == null ? new TreeMap<>() : new TreeMap<>(meta.getAnnotations());
    String description = annotations.remove("description");
    if (description != null && !description.isEmpty()) {
      f.field("Description", description);
    }
    f.map("Annotations", annotations);
    ImageStreamStatus status = stream.getStatus();
    String publicRepository = status == null ? null : status.publicDockerImageRepository();
    f.field(
        "Image Repository",
        publicRepository != null && !publicRepository.isEmpty()
            ? publicRepository
            : status == null ? null : status.dockerImageRepository());
    boolean local =
        stream.getSpec() != null
            && stream.getSpec().lookupPolicy() != null
            && Boolean.TRUE.equals(stream.getSpec().lookupPolicy().local());
    f.field("Image Lookup", "local=" + local);
    Optional<Condition> refusal = streamRefusal(status);
    refusal.ifPresent(c -> f.field("Ready", "False (" + c.getReason() + "): " + c.getMessage()));
    tags(stream, f, refusal.isPresent());
    return out.toString();
  }

  /**
   * The stream's Ready=False condition when it is about the whole stream (a privileged namespace,
   * an invalid spec, a failed reconciliation) rather than a roll-up of the tags' import failures,
   * which each tag shows. OpenShift has no such condition; without this line a refused stream would
   * look as if it were still importing.
   */
  static Optional<Condition> streamRefusal(ImageStreamStatus status) {
    if (status == null) {
      return Optional.empty();
    }
    return status
        .condition(ImageStreamStatus.READY)
        .filter(c -> "False".equals(c.getStatus()))
        .filter(
            c ->
                StreamReason.fromWire(c.getReason())
                    .map(r -> r != StreamReason.IMPORT_FAILED && r != StreamReason.IMPORTED)
                    .orElse(false));
  }

  private static void tags(ImageStream stream, DescribeFormat f, boolean refused) {
    TabWriter out = f.out();
    List<NamedTagEventList> statusTags =
        stream.getStatus() == null ? List.of() : stream.getStatus().tagList();
    List<TagReference> specTags = stream.getSpec() == null ? List.of() : stream.getSpec().tagList();
    if (statusTags.isEmpty() && specTags.isEmpty()) {
      out.print("Tags:\t<none>\n");
      return;
    }
    Set<String> images = new HashSet<>();
    for (NamedTagEventList tag : statusTags) {
      for (TagEvent item : tag.itemList()) {
        if (notEmpty(item.image()) || notEmpty(item.dockerImageReference())) {
          // oc counts every image without an ID as one
          images.add(item.image() == null ? "" : item.image());
        }
      }
    }
    List<String> names = new ArrayList<>();
    statusTags.forEach(t -> names.add(t.tag()));
    Set<String> aliases = new HashSet<>();
    Map<String, Set<String>> aliasesOf = new HashMap<>();
    for (TagReference tag : specTags) {
      followAlias(stream, tag.name())
          .ifPresent(
              target -> {
                aliases.add(tag.name());
                aliasesOf.computeIfAbsent(target, k -> new TreeSet<>()).add(tag.name());
              });
      if (statusTags.stream().noneMatch(t -> t.tag().equals(tag.name()))) {
        names.add(tag.name());
      }
    }
    out.print("Unique Images:\t" + images.size() + "\nTags:\t" + names.size() + "\n\n");
    boolean first = true;
    for (String name : TagOrder.prioritized(names)) {
      if (aliases.contains(name)) {
        continue;
      }
      if (!first) {
        out.print("\n");
      }
      first = false;
      TagDescriber.describe(stream, name, aliasesOf.get(name), f, refused);
    }
  }

  /**
   * The tag an alias finally points at, when {@code tag} is an {@code ImageStreamTag} of the same
   * stream (followed through chains); empty otherwise, as {@code oc}'s FollowTagReference.
   */
  static Optional<String> followAlias(ImageStream stream, String tag) {
    Set<String> seen = new LinkedHashSet<>();
    String current = tag;
    boolean followed = false;
    while (true) {
      if (!seen.add(current)) {
        return Optional.empty();
      }
      Optional<TagReference> ref = stream.getSpec().tag(current);
      if (ref.isEmpty()) {
        return Optional.empty();
      }
      TagSource from = ref.get().from();
      if (from == null || !from.isImageStreamTag()) {
        return followed ? Optional.of(current) : Optional.empty();
      }
      if (notEmpty(from.namespace())
          && !from.namespace().equals(stream.getMetadata().getNamespace())) {
        return Optional.empty();
      }
      String name = from.name();
      int colon = name.indexOf(':');
      if (colon >= 0) {
        if (!name.substring(0, colon).equals(stream.getMetadata().getName())) {
          return Optional.empty();
        }
        name = name.substring(colon + 1);
      }
      current = name;
      followed = true;
    }
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
