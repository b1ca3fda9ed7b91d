package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
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

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestImages() {}

  /**
   * A single-platform OCI image (OCI manifest, OCI config, OCI gzip layers).
   *
   * @param platform the image's platform
   * @param revision any number; each gives different content
   * @return the image
   */
  public static Image ociImage(Platform platform, int revision) {
    return image(
        platform,
        revision,
        MediaTypes.OCI_MANIFEST,
        MediaTypes.OCI_CONFIG,
        MediaTypes.OCI_LAYER_GZIP);
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
      byte[] content =
          ("python-like layer " + i + " of revision " + revision).getBytes(StandardCharsets.UTF_8);
      Blob layer = new Blob(MediaTypes.OCI_LAYER_GZIP, Archives.gzip(content), null);
      layers.add(layer);
      diffIds.add(Digests.sha256(content));
    }
    List<String> env = new ArrayList<>();
    env.add("PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.add("LANG=C.UTF-8");
    env.add("GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305");
    env.add("PYTHON_VERSION=3.12." + revision);
    env.add(
        "PYTHON_SHA256="
            + Digests.sha256(("python " + revision).getBytes(StandardCharsets.UTF_8)).substring(7));
    env.add("PYTHON_PIP_VERSION=24.3.1");
    env.add("PYTHON_SETUPTOOLS_VERSION=75.6.0");
    env.add("PYTHON_GET_PIP_URL=https://github.com/pypa/get-pip/raw/main/public/get-pip.py");
    env.add("PYTHONDONTWRITEBYTECODE=1");
    env.add("PYTHONUNBUFFERED=1");
    env.add("APP_ROOT=/opt/app-root");
    env.add("HOME=/opt/app-root/src");
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put(REVISION_LABEL, Integer.toString(revision));
    for (int i = 1; i < 20; i++) {
      labels.put(
          "io.example.runtime.label-" + i, "value of label " + i + " for the python runtime");
    }
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("User", "1001");
    runtime.put("ExposedPorts", ordered("8080/tcp", Map.of()));
    runtime.put("Env", env);
    runtime.put("Cmd", List.of("python3"));
    runtime.put("WorkingDir", "/opt/app-root/src");
    runtime.put("Labels", labels);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("created", CREATED);
    config.put("architecture", Platform.LINUX_AMD64.architecture());
    config.put("os", Platform.LINUX_AMD64.os());
    config.put("config", runtime);
    config.put("rootfs", rootfs(diffIds));
    Blob configBlob = new Blob(MediaTypes.OCI_CONFIG, json(config), null);
    return new Image(
        Platform.LINUX_AMD64,
        MediaTypes.OCI_MANIFEST,
        manifest(MediaTypes.OCI_MANIFEST, configBlob, layers),
        configBlob,
        layers,
        diffIds);
  }

  /**
   * A single-platform Docker image (schema 2 manifest, Docker config, Docker gzip layers).
   *
   * @param platform the image's platform
   * @param revision any number; each gives different content
   * @return the image
   */
  public static Image dockerImage(Platform platform, int revision) {
    return image(
        platform,
        revision,
        MediaTypes.DOCKER_MANIFEST,
        MediaTypes.DOCKER_CONFIG,
        MediaTypes.DOCKER_LAYER_GZIP);
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
            indexEntry(amd64, null),
            indexEntry(arm64, null),
            indexEntry(
                attestation,
                annotations(
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
        List.of(indexEntry(amd64, null), indexEntry(arm64, null)),
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
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("_type", "https://in-toto.io/Statement/v0.1");
    statement.put("predicateType", "https://slsa.dev/provenance/v0.2");
    statement.put(
        "subject",
        List.of(
            ordered(
                "name",
                "pkg:docker/imagestream-test/app?platform="
                    + subject.platform().toString().replace("/", "%2F"),
                "digest",
                ordered("sha256", Digests.hex(subject.digest())))));
    statement.put(
        "predicate",
        ordered(
            "builder",
            ordered("id", "https://imagestreams.dev/test-builder"),
            "buildType",
            "https://mobyproject.org/buildkit@v1"));
    Blob layer =
        new Blob(
            MediaTypes.IN_TOTO,
            json(statement),
            annotations("in-toto.io/predicate-type", "https://slsa.dev/provenance/v0.2"));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", Platform.UNKNOWN.architecture());
    config.put("os", Platform.UNKNOWN.os());
    config.put("config", Map.of());
    config.put("rootfs", rootfs(List.of(layer.digest())));
    Blob configBlob = new Blob(MediaTypes.OCI_CONFIG, json(config), null);
    return new Image(
        Platform.UNKNOWN,
        MediaTypes.OCI_MANIFEST,
        manifest(MediaTypes.OCI_MANIFEST, configBlob, List.of(layer)),
        configBlob,
        List.of(layer),
        List.of(layer.digest()));
  }

  private static Image image(
      Platform platform, int revision, String manifestType, String configType, String layerType) {
    byte[] baseTar =
        Archives.tar(
            List.of(
                Archives.Entry.directory("etc"),
                Archives.Entry.file(
                    "etc/os-release",
                    0644,
                    "ID=imagestream-test\nNAME=\"imagestream test base\"\nVERSION_ID=1\n"),
                Archives.Entry.file(
                    "etc/passwd",
                    0644,
                    "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/app:/sbin/nologin\n"),
                Archives.Entry.file("etc/platform", 0644, platform + "\n")));
    byte[] appTar =
        Archives.tar(
            List.of(
                Archives.Entry.directory("app"),
                Archives.Entry.directory("app/bin"),
                Archives.Entry.file(
                    "app/bin/server",
                    0755,
                    "#!/bin/sh\necho \"imagestream test app "
                        + platform
                        + " revision "
                        + revision
                        + "\"\n"),
                Archives.Entry.file("app/REVISION", 0644, revision + "\n")));
    Blob base = new Blob(layerType, Archives.gzip(baseTar), null);
    Blob app = new Blob(layerType, Archives.gzip(appTar), null);
    List<String> diffIds = List.of(Digests.sha256(baseTar), Digests.sha256(appTar));
    Blob config = new Blob(configType, json(config(platform, revision, diffIds)), null);
    List<Blob> layers = List.of(base, app);
    return new Image(
        platform, manifestType, manifest(manifestType, config, layers), config, layers, diffIds);
  }

  private static Map<String, Object> config(Platform platform, int revision, List<String> diffIds) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", "imagestream-test-app");
    labels.put("org.opencontainers.image.version", "1." + revision + ".0");
    labels.put(REVISION_LABEL, Integer.toString(revision));
    Map<String, Object> runtime = new LinkedHashMap<>();
    runtime.put("User", "1000:1000");
    runtime.put("ExposedPorts", Map.of("8080/tcp", Map.of()));
    runtime.put(
        "Env",
        List.of(
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "APP_HOME=/app"));
    runtime.put("Entrypoint", List.of("/app/bin/server"));
    runtime.put("Cmd", List.of("--port", "8080"));
    runtime.put("WorkingDir", "/app");
    runtime.put("Labels", labels);
    runtime.put("Volumes", Map.of("/data", Map.of()));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("created", CREATED);
    config.put("author", "imagestream-operator tests");
    config.put("architecture", platform.architecture());
    config.put("os", platform.os());
    if (platform.variant() != null) {
      config.put("variant", platform.variant());
    }
    config.put("config", runtime);
    config.put("rootfs", rootfs(diffIds));
    config.put(
        "history",
        List.of(
            history("ADD base.tar / # imagestream test base"),
            history("COPY app /app # revision " + revision)));
    return config;
  }

  private static Map<String, Object> rootfs(List<String> diffIds) {
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", diffIds);
    return rootfs;
  }

  private static Map<String, Object> history(String createdBy) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("created", CREATED);
    entry.put("created_by", createdBy);
    return entry;
  }

  private static byte[] manifest(String mediaType, Blob config, List<Blob> layers) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", mediaType);
    manifest.put("config", descriptor(config));
    manifest.put("layers", layers.stream().map(TestImages::descriptor).toList());
    return json(manifest);
  }

  private static Map<String, Object> descriptor(Blob blob) {
    Map<String, Object> descriptor = new LinkedHashMap<>();
    descriptor.put("mediaType", blob.mediaType());
    descriptor.put("digest", blob.digest());
    descriptor.put("size", blob.size());
    if (blob.annotations() != null) {
      descriptor.put("annotations", blob.annotations());
    }
    return descriptor;
  }

  private static Map<String, Object> indexEntry(Image image, Map<String, String> annotations) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("mediaType", image.mediaType());
    entry.put("digest", image.digest());
    entry.put("size", image.manifest().length);
    if (annotations != null) {
      entry.put("annotations", annotations);
    }
    Map<String, Object> platform = new LinkedHashMap<>();
    platform.put("architecture", image.platform().architecture());
    platform.put("os", image.platform().os());
    if (image.platform().variant() != null) {
      platform.put("variant", image.platform().variant());
    }
    entry.put("platform", platform);
    return entry;
  }

  private static Index index(
      String mediaType, List<Map<String, Object>> entries, List<Image> children) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", mediaType);
    index.put("manifests", entries);
    return new Index(mediaType, json(index), children);
  }

  /**
   * Maps built here keep insertion order: {@code Map.of} iteration order changes from one JVM run
   * to the next.
   */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, String> annotations(String... keysAndValues) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      annotations.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return annotations;
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
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
   * @param mediaType the manifest media type
   * @param manifest the exact manifest bytes (copied)
   * @param config the config blob
   * @param layers the layer blobs, in manifest order
   * @param diffIds the digests of the uncompressed layers ({@code rootfs.diff_ids})
   */
  public record Image(
      Platform platform,
      String mediaType,
      byte[] manifest,
      Blob config,
      List<Blob> layers,
      List<String> diffIds) {

    /**
     * Copies the arrays and lists.
     *
     * @param platform the platform
     * @param mediaType the media type
     * @param manifest the manifest bytes
     * @param config the config
     * @param layers the layers
     * @param diffIds the diff ids
     */
    public Image {
      manifest = manifest.clone();
      layers = List.copyOf(layers);
      diffIds = List.copyOf(diffIds);
    }

    /**
     * The exact manifest bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] manifest() {
      return manifest.clone();
    }

    /**
     * The manifest digest.
     *
     * @return {@code sha256:...}
     */
    public String digest() {
      return Digests.sha256(manifest);
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
    public boolean equals(Object other) {
      return other instanceof Image image
          && Arrays.equals(manifest, image.manifest)
          && mediaType.equals(image.mediaType)
          && platform.equals(image.platform);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(manifest);
    }

    @Override
    public String toString() {
      return "Image[" + platform + ", " + mediaType + ", " + digest() + "]";
    }
  }

  /**
   * An OCI index or Docker manifest list with the images it references.
   *
   * @param mediaType the index media type
   * @param manifest the exact index bytes (copied)
   * @param children the referenced images, in index order
   */
  public record Index(String mediaType, byte[] manifest, List<Image> children) {

    /**
     * Copies the arrays and lists.
     *
     * @param mediaType the media type
     * @param manifest the index bytes
     * @param children the children
     */
    public Index {
      manifest = manifest.clone();
      children = List.copyOf(children);
    }

    /**
     * The exact index bytes.
     *
     * @return a copy
     */
    @Override
    public byte[] manifest() {
      return manifest.clone();
    }

    /**
     * The index digest.
     *
     * @return {@code sha256:...}
     */
    public String digest() {
      return Digests.sha256(manifest);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Index index && Arrays.equals(manifest, index.manifest);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(manifest);
    }

    @Override
    public String toString() {
      return "Index[" + mediaType + ", " + digest() + ", " + children.size() + " children]";
    }
  }
}
