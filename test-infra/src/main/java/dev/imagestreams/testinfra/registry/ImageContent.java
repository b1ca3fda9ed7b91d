package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.testinfra.registry.TestImages.Blob;
import dev.imagestreams.testinfra.registry.TestImages.Image;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of {@link TestImages}: the layer archives, and the JSON documents (image
 * configurations, manifests, indexes, the in-toto statement of an attestation). JSON keys keep the
 * order they are put in, so the same input always gives the same bytes.
 */
final class ImageContent {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ImageContent() {}

  /** The base layer's tar archive (uncompressed): an {@code /etc} naming the platform. */
  static byte[] baseLayer(Platform platform) {
    return Archives.tar(
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
  }

  /** The application layer's tar archive (uncompressed): an {@code /app} naming the revision. */
  static byte[] appLayer(Platform platform, int revision) {
    return Archives.tar(
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
  }

  /** The configuration of a test application image with two layers. */
  static byte[] config(Platform platform, int revision, List<String> diffIds) {
    Map<String, Object> labels = new LinkedHashMap<>();
    labels.put("org.opencontainers.image.title", "imagestream-test-app");
    labels.put("org.opencontainers.image.version", "1." + revision + ".0");
    labels.put(TestImages.REVISION_LABEL, Integer.toString(revision));
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
    config.put("created", TestImages.CREATED);
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
    return json(config);
  }

  /** The configuration of an attestation manifest: platform {@code unknown/unknown}. */
  static byte[] attestationConfig(List<String> diffIds) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("architecture", Platform.UNKNOWN.architecture());
    config.put("os", Platform.UNKNOWN.os());
    config.put("config", Map.of());
    config.put("rootfs", rootfs(diffIds));
    return json(config);
  }

  /** A BuildKit-style SLSA provenance statement about an image. */
  static byte[] provenanceStatement(Image subject) {
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
    return json(statement);
  }

  /** Layer {@code i} of a {@link TestImages#pythonLike} image: small opaque content. */
  static byte[] pythonLikeLayer(int i, int revision) {
    return ("python-like layer " + i + " of revision " + revision).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The config of a {@link TestImages#pythonLike} image: a dozen environment entries, twenty labels
   * and the usual runtime settings, as a language runtime image has.
   */
  static byte[] pythonLikeConfig(int revision, List<String> diffIds) {
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
    labels.put(TestImages.REVISION_LABEL, Integer.toString(revision));
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
    config.put("created", TestImages.CREATED);
    config.put("architecture", Platform.LINUX_AMD64.architecture());
    config.put("os", Platform.LINUX_AMD64.os());
    config.put("config", runtime);
    config.put("rootfs", rootfs(diffIds));
    return json(config);
  }

  /** An image manifest: schema version 2, the config and the layers. */
  static byte[] manifest(String mediaType, Blob config, List<Blob> layers) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", mediaType);
    manifest.put("config", descriptor(config));
    manifest.put("layers", layers.stream().map(ImageContent::descriptor).toList());
    return json(manifest);
  }

  /** An index or manifest list of the given entries ({@link #indexEntry}). */
  static byte[] index(String mediaType, List<Map<String, Object>> entries) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", mediaType);
    index.put("manifests", entries);
    return json(index);
  }

  /** An index's entry for an image, with its platform and any annotations ({@code null}: none). */
  static Map<String, Object> indexEntry(Image image, Map<String, String> annotations) {
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

  /** Annotations in the order given: key, value, key, value... */
  static Map<String, String> annotations(String... keysAndValues) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      annotations.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return annotations;
  }

  private static Map<String, Object> rootfs(List<String> diffIds) {
    Map<String, Object> rootfs = new LinkedHashMap<>();
    rootfs.put("type", "layers");
    rootfs.put("diff_ids", diffIds);
    return rootfs;
  }

  private static Map<String, Object> history(String createdBy) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("created", TestImages.CREATED);
    entry.put("created_by", createdBy);
    return entry;
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

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
