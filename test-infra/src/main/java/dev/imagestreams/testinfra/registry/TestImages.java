package dev.imagestreams.testinfra.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deterministic image content, ready to push: the same format, platform and revision always give
 * the same bytes and thus the same digests, independent of repository, tag, machine and time.
 *
 * <p>An image has two gzip layers (a base layer that depends on the platform only, and an
 * application layer that also depends on the revision) and a complete image configuration ({@code
 * created}, {@code author}, {@code architecture}, {@code os}, {@code variant}, {@code config} with
 * User, ExposedPorts, Env, Entrypoint, Cmd, WorkingDir, Labels and Volumes, {@code rootfs} and
 * {@code history}). The revision is visible as the label {@value #REVISION_LABEL} and in the
 * application layer, so another revision has another digest: that is how a test makes a tag move.
 */
public final class TestImages {

  /** Label holding the revision an image was generated from. */
  public static final String REVISION_LABEL = "org.opencontainers.image.revision";

  /** The {@code created} time of every image and history entry. */
  public static final String CREATED = "2024-01-01T00:00:00Z";

  private TestImages() {}

  /**
   * A single-platform OCI image (OCI manifest, OCI config, OCI gzip layers).
   *
   * @param platform the image's platform
   * @param revision any number; each gives different content
   * @return the image
   */
  public static Image ociImage(Platform platform, int revision) {
    return image(platform, revision, Format.OCI);
  }

  /**
   * An image shaped like a language runtime image ({@code python:3.12}): ten layers, a dozen
   * environment entries, twenty labels and the usual runtime settings, so that its metadata weighs
   * what a real image's does. The layers are small opaque blobs (registries do not look inside).
   *
   * @param revision any number; each gives different content
   * @return the image, linux/amd64, OCI
   */
  public static Image pythonLike(int revision) {
    List<Blob> layers = new ArrayList<>();
    List<String> diffIds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      byte[] content = ImageContent.pythonLikeLayer(i, revision);
      layers.add(new Blob(MediaTypes.OCI_LAYER_GZIP, Archives.gzip(content), null));
      diffIds.add(Digests.sha256(content));
    }
    Blob config =
        new Blob(MediaTypes.OCI_CONFIG, ImageContent.pythonLikeConfig(revision, diffIds), null);
    return image(Platform.LINUX_AMD64, MediaTypes.OCI_MANIFEST, config, layers, diffIds);
  }

  /**
   * A single-platform Docker image (schema 2 manifest, Docker config, Docker gzip layers).
   *
   * @param platform the image's platform
   * @param revision any number; each gives different content
   * @return the image
   */
  public static Image dockerImage(Platform platform, int revision) {
    return image(platform, revision, Format.DOCKER);
  }

  /**
   * An OCI index with {@code linux/amd64}, {@code linux/arm64/v8} and, as BuildKit writes it, an
   * attestation manifest for the amd64 image (platform {@code unknown/unknown}, annotations {@code
   * vnd.docker.reference.type=attestation-manifest} and {@code vnd.docker.reference.digest}).
   *
   * @param revision any number; each gives different content
   * @return the index; its children in index order
   */
  public static Index ociIndex(int revision) {
    Image amd64 = ociImage(Platform.LINUX_AMD64, revision);
    Image arm64 = ociImage(Platform.LINUX_ARM64_V8, revision);
    Image attestation = attestation(amd64);
    List<Map<String, Object>> entries =
        List.of(
            ImageContent.indexEntry(amd64, null),
            ImageContent.indexEntry(arm64, null),
            ImageContent.indexEntry(
                attestation,
                ImageContent.annotations(
                    "vnd.docker.reference.digest",
                    amd64.digest(),
                    "vnd.docker.reference.type",
                    "attestation-manifest")));
    return index(MediaTypes.OCI_INDEX, entries, List.of(amd64, arm64, attestation));
  }

  /**
   * A Docker manifest list with {@code linux/amd64} and {@code linux/arm64/v8} Docker images
   * (Docker tooling writes attestations only into OCI indexes, so there is none here).
   *
   * @param revision any number; each gives different content
   * @return the manifest list; its children in list order
   */
  public static Index dockerManifestList(int revision) {
    Image amd64 = dockerImage(Platform.LINUX_AMD64, revision);
    Image arm64 = dockerImage(Platform.LINUX_ARM64_V8, revision);
    return index(
        MediaTypes.DOCKER_MANIFEST_LIST,
        List.of(ImageContent.indexEntry(amd64, null), ImageContent.indexEntry(arm64, null)),
        List.of(amd64, arm64));
  }

  /**
   * A BuildKit-style provenance attestation manifest for an image: an OCI manifest whose config has
   * platform {@code unknown/unknown} and whose single layer is an in-toto statement about {@code
   * subject}.
   *
   * @param subject the attested image
   * @return the attestation manifest
   */
  public static Image attestation(Image subject) {
    Blob layer =
        new Blob(
            MediaTypes.IN_TOTO,
            ImageContent.provenanceStatement(subject),
            ImageContent.annotations(
                "in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2"));
    List<String> diffIds = List.of(layer.digest());
    Blob config = new Blob(MediaTypes.OCI_CONFIG, ImageContent.attestationConfig(diffIds), null);
    return image(Platform.UNKNOWN, MediaTypes.OCI_MANIFEST, config, List.of(layer), diffIds);
  }

  /** The media types of an image's manifest, config and layers. */
  private record Format(String manifest, String config, String layer) {
    static final Format OCI =
        new Format(MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, MediaTypes.OCI_LAYER_GZIP);
    static final Format DOCKER =
        new Format(
            MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG, MediaTypes.DOCKER_LAYER_GZIP);
  }

  private static Image image(Platform platform, int revision, Format format) {
    byte[] baseTar = ImageContent.baseLayer(platform);
    byte[] appTar = ImageContent.appLayer(platform, revision);
    List<Blob> layers =
        List.of(
            new Blob(format.layer, Archives.gzip(baseTar), null),
            new Blob(format.layer, Archives.gzip(appTar), null));
    List<String> diffIds = List.of(Digests.sha256(baseTar), Digests.sha256(appTar));
    Blob config = new Blob(format.config, ImageContent.config(platform, revision, diffIds), null);
    return image(platform, format.manifest, config, layers, diffIds);
  }

  private static Image image(
      Platform platform,
      String manifestType,
      Blob config,
      List<Blob> layers,
      List<String> diffIds) {
    Blob document =
        new Blob(manifestType, ImageContent.manifest(manifestType, config, layers), null);
    return new Image(platform, document, config, layers, diffIds);
  }

  private static Index index(
      String mediaType, List<Map<String, Object>> entries, List<Image> children) {
    return new Index(new Blob(mediaType, ImageContent.index(mediaType, entries), null), children);
  }

  /**
   * What {@link Image} and {@link Index} share: the manifest itself, a document with a media type
   * whose bytes give its digest.
   */
  public sealed interface Manifest permits Image, Index {

    /**
     * The manifest as a blob: its media type and exact bytes.
     *
     * @return the document
     */
    Blob document();

    /**
     * The manifest media type.
     *
     * @return the media type
     */
    default String mediaType() {
      return document().mediaType();
    }

    /**
     * The exact manifest bytes.
     *
     * @return a copy
     */
    default byte[] manifest() {
      return document().content();
    }

    /**
     * The manifest digest.
     *
     * @return {@code sha256:...}
     */
    default String digest() {
      return document().digest();
    }
  }

  /**
   * A blob (config or layer) with the media type its descriptor carries.
   *
   * @param mediaType the descriptor's media type
   * @param content the blob's bytes (copied)
   * @param annotations descriptor annotations, or {@code null}
   */
  public record Blob(String mediaType, byte[] content, Map<String, String> annotations) {

    /**
     * Copies the content.
     *
     * @param mediaType the media type
     * @param content the bytes
     * @param annotations the annotations or {@code null}
     */
    public Blob {
      Objects.requireNonNull(mediaType, "mediaType");
      content = content.clone();
      annotations =
          annotations == null
              ? null
              : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    /**
     * The blob's bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] content() {
      return content.clone();
    }

    /**
     * The content digest.
     *
     * @return {@code sha256:...}
     */
    public String digest() {
      return Digests.sha256(content);
    }

    /**
     * The content size.
     *
     * @return the size in bytes
     */
    public long size() {
      return content.length;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Blob blob
          && mediaType.equals(blob.mediaType)
          && Arrays.equals(content, blob.content)
          && Objects.equals(annotations, blob.annotations);
    }

    @Override
    public int hashCode() {
      return Objects.hash(mediaType, Arrays.hashCode(content), annotations);
    }

    @Override
    public String toString() {
      return "Blob[" + mediaType + ", " + digest() + ", " + content.length + " bytes]";
    }
  }

  /**
   * An image manifest with its config and layers.
   *
   * @param platform the platform the config declares
   * @param document the manifest: its media type and exact bytes
   * @param config the config blob
   * @param layers the layer blobs, in manifest order
   * @param diffIds the digests of the uncompressed layers ({@code rootfs.diff_ids})
   */
  public record Image(
      Platform platform, Blob document, Blob config, List<Blob> layers, List<String> diffIds)
      implements Manifest {

    /**
     * Copies the lists.
     *
     * @param platform the platform
     * @param document the manifest
     * @param config the config
     * @param layers the layers
     * @param diffIds the diff ids
     */
    public Image {
      layers = List.copyOf(layers);
      diffIds = List.copyOf(diffIds);
    }

    /**
     * All blobs the manifest references: config first, then layers.
     *
     * @return the blobs
     */
    public List<Blob> blobs() {
      List<Blob> blobs = new ArrayList<>(layers.size() + 1);
      blobs.add(config);
      blobs.addAll(layers);
      return blobs;
    }

    @Override
    public String toString() {
      return "Image[" + platform + ", " + mediaType() + ", " + digest() + "]";
    }
  }

  /**
   * An OCI index or Docker manifest list with the images it references.
   *
   * @param document the index: its media type and exact bytes
   * @param children the referenced images, in index order
   */
  public record Index(Blob document, List<Image> children) implements Manifest {

    /**
     * Copies the children.
     *
     * @param document the index
     * @param children the children
     */
    public Index {
      children = List.copyOf(children);
    }

    @Override
    public String toString() {
      return "Index[" + mediaType() + ", " + digest() + ", " + children.size() + " children]";
    }
  }
}
