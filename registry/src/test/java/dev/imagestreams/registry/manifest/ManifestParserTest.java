package dev.imagestreams.registry.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ManifestParserTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String D3 = "sha256:" + "3".repeat(64);
  private final ManifestParser parser = new ManifestParser(new ObjectMapper());

  private ParsedManifest parse(String json, String contentType) throws RegistryException {
    return parser.parse(json.getBytes(StandardCharsets.UTF_8), contentType, "test");
  }

  private static ErrorKind kindOf(Throwable t) {
    return ((RegistryException) t).kind();
  }

  @Test
  void parsesAnOciImageManifest() throws RegistryException {
    String json =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
         "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":120},
         "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":1000},
                   {"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"%s","size":234}]}
        """
            .formatted(D1, D2, D3);
    ImageManifest m = (ImageManifest) parse(json, MediaTypes.OCI_MANIFEST + "; charset=utf-8");
    assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(m.config().digest()).hasToString(D1);
    assertThat(m.layers()).extracting(Layer::size).containsExactly(1000L, 234L);
    assertThat(m.layersSize()).isEqualTo(1234);
  }

  @Test
  void parsesAManifestListSkippingNothingButMarkingAttestations() throws RegistryException {
    String json =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
         "manifests":[
          {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":500,
           "platform":{"architecture":"amd64","os":"linux"}},
          {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"%s","size":501,
           "platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
          {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":502,
           "platform":{"architecture":"unknown","os":"unknown"},
           "annotations":{"vnd.docker.reference.type":"attestation-manifest","vnd.docker.reference.digest":"%s"}}]}
        """
            .formatted(D1, D2, D3, D1);
    ManifestList l = (ManifestList) parse(json, "application/json");
    assertThat(l.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(l.manifests()).hasSize(3);
    assertThat(l.images())
        .extracting(e -> e.platform().toString())
        .containsExactly("linux/amd64", "linux/arm64/v8");
  }

  @Test
  void mediaTypeFromTheBodyWhenTheHeaderIsGeneric() throws RegistryException {
    String index = "{\"schemaVersion\":2,\"manifests\":[]}";
    assertThat(parse(index, null).mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
  }

  @Test
  void rejectsSchema1AsUnsupported() {
    String json = "{\"schemaVersion\":1,\"name\":\"x\",\"tag\":\"y\",\"fsLayers\":[]}";
    assertThatThrownBy(() -> parse(json, MediaTypes.DOCKER_MANIFEST_V1_SIGNED))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(ErrorKind.UNSUPPORTED))
        .hasMessageContaining("unsupported manifest type")
        .hasMessageContaining("schema 1");
    assertThatThrownBy(() -> parse(json, "application/json"))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(ErrorKind.UNSUPPORTED));
  }

  @Test
  void rejectsUnknownTypesAndArtifacts() {
    assertThatThrownBy(() -> parse("{}", "application/vnd.example.thing+json"))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(ErrorKind.UNSUPPORTED))
        .hasMessageContaining("application/vnd.example.thing+json");
    String helm =
        """
        {"schemaVersion":2,"config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"%s","size":1},"layers":[]}
        """
            .formatted(D1);
    assertThatThrownBy(() -> parse(helm, MediaTypes.OCI_MANIFEST))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(ErrorKind.UNSUPPORTED))
        .hasMessageContaining("not a container image");
  }

  @Test
  void rejectsMalformedDocumentsAsInvalidManifest() {
    assertThatThrownBy(() -> parse("{not json", MediaTypes.OCI_MANIFEST))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(ErrorKind.INVALID_MANIFEST))
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> parse("[]", MediaTypes.OCI_MANIFEST))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(ErrorKind.INVALID_MANIFEST));
    assertThatThrownBy(() -> parse("{\"layers\":[]}", MediaTypes.OCI_MANIFEST))
        .hasMessageContaining("no config descriptor");
    String badDigest =
        "{\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:nope\",\"size\":1},\"layers\":[]}";
    assertThatThrownBy(() -> parse(badDigest, MediaTypes.OCI_MANIFEST))
        .hasMessageContaining("invalid digest");
    assertThatThrownBy(() -> parse("{\"manifests\":{}}", MediaTypes.OCI_INDEX))
        .hasMessageContaining("no manifests array");
  }

  @Test
  void readsImageConfigMetadata() throws RegistryException {
    String config =
        """
        {"created":"2024-01-02T03:04:05.123456789Z","author":"me","architecture":"arm64","os":"linux","variant":"v8",
         "docker_version":"24.0.0",
         "config":{"User":"1001","ExposedPorts":{"8080/tcp":{},"443/tcp":{}},"Env":["B=2","A=1"],
                   "Entrypoint":["/bin/sh","-c"],"Cmd":["run"],"WorkingDir":"/app",
                   "Labels":{"z":"last","a":"first"},"Volumes":{"/data":{}}},
         "rootfs":{"type":"layers","diff_ids":[]}}
        """;
    ImageMetadata m =
        new ImageConfigParser(new ObjectMapper())
            .parse(config.getBytes(StandardCharsets.UTF_8), "test");
    assertThat(m.created()).hasToString("2024-01-02T03:04:05.123456789Z");
    assertThat(m.author()).isEqualTo("me");
    assertThat(m.architecture()).isEqualTo("arm64");
    assertThat(m.variant()).isEqualTo("v8");
    assertThat(m.user()).isEqualTo("1001");
    assertThat(m.exposedPorts()).containsExactly("443/tcp", "8080/tcp");
    assertThat(m.env()).containsExactly("B=2", "A=1");
    assertThat(m.entrypoint()).containsExactly("/bin/sh", "-c");
    assertThat(m.cmd()).containsExactly("run");
    assertThat(m.workingDir()).isEqualTo("/app");
    assertThat(m.labels()).containsEntry("a", "first").containsEntry("z", "last");
    assertThat(m.volumes()).containsExactly("/data");
    assertThat(m.dockerVersion()).isEqualTo("24.0.0");
  }

  @Test
  void toleratesSparseConfigs() throws RegistryException {
    ImageMetadata m =
        new ImageConfigParser(new ObjectMapper())
            .parse("{\"created\":\"garbage\"}".getBytes(StandardCharsets.UTF_8), "t");
    assertThat(m.created()).isNull();
    assertThat(m.env()).isEmpty();
    assertThat(m.labels()).isEmpty();
  }
}
