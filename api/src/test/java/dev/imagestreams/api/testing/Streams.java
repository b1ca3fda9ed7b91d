package dev.imagestreams.api.testing;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds ImageStreams for tests. */
public final class Streams {
  private final String namespace;
  private final String name;
  private final List<TagReference> tags = new ArrayList<>();
  private final Map<String, String> annotations = new LinkedHashMap<>();
  private Long generation;

  private Streams(String namespace, String name) {
    this.namespace = namespace;
    this.name = name;
  }

  public static Streams stream(String namespace, String name) {
    return new Streams(namespace, name);
  }

  public Streams tag(TagReference tag) {
    tags.add(tag);
    return this;
  }

  public Streams dockerImage(String tag, String from) {
    return tag(docker(tag, from, false));
  }

  public Streams scheduled(String tag, String from) {
    return tag(docker(tag, from, true));
  }

  public Streams streamTag(String tag, String from) {
    return streamTag(tag, null, from);
  }

  public Streams streamTag(String tag, String namespace, String from) {
    return tag(from(tag, TagSource.of(TagSource.IMAGE_STREAM_TAG, from, namespace)));
  }

  public Streams streamImage(String tag, String namespace, String from) {
    return tag(from(tag, TagSource.of(TagSource.IMAGE_STREAM_IMAGE, from, namespace)));
  }

  /** A tag with only a source. */
  private static TagReference from(String tag, TagSource source) {
    return new TagReference(tag, null, source, null, null, null, null);
  }

  public Streams annotation(String key, String value) {
    annotations.put(key, value);
    return this;
  }

  public Streams generation(long g) {
    generation = g;
    return this;
  }

  public static TagReference docker(String tag, String from, boolean scheduled) {
    return new TagReference(
        tag,
        null,
        TagSource.of(TagSource.DOCKER_IMAGE, from, null),
        null,
        null,
        scheduled ? new TagImportPolicy(null, true, null) : null,
        null);
  }

  /** A status with these tags that reflects generation 1, as after an import. */
  public static ImageStreamStatus status(List<NamedTagEventList> tags) {
    return new ImageStreamStatus("", null, tags, 1L, null, null, null, null, null, null);
  }

  public ImageStream build() {
    ImageStream s = new ImageStream();
    s.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withUid(namespace + "-" + name + "-uid")
            .withGeneration(generation == null ? 1L : generation)
            .withAnnotations(annotations.isEmpty() ? null : Map.copyOf(annotations))
            .build());
    s.setSpec(new ImageStreamSpec(null, null, List.copyOf(tags)));
    return s;
  }

  /** For resources to create on an API server: no uid, no generation. */
  public ImageStream forCreate() {
    ImageStream s = build();
    s.getMetadata().setUid(null);
    s.getMetadata().setGeneration(null);
    return s;
  }
}
