package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.config.StatusImageMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCatalogTest {
  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "b".repeat(64);

  @Test
  void aStreamKeepsItsOwnRecordOfAnImageItAlsoReachesThroughAReference() {
    Image own = record(A, "registry.example.com/team/app@" + A);
    ImageCatalog images =
        new ImageCatalog(
            new ImageStreamStatus(
                "", null, List.of(), 1L, null, List.of(own), null, null, null, null),
            StatusImageMetadata.FULL,
            16 * 1024);

    images.referenced(record(A, "quay.io/other/app@" + A));
    Image sources = record(B, "quay.io/other/app@" + B);
    images.referenced(sources);

    assertThat(images.get(A)).contains(own);
    assertThat(images.get(B)).as("a record it has not got comes along").contains(sources);
    assertThat(images.get("sha256:" + "c".repeat(64))).isEmpty();
  }

  @Test
  void aSummaryKeepsIdentityAndScalarsAndReducesRecordsKeptInFullBefore() {
    Image full = withLayers(record(A, "registry.example.com/team/app@" + A));
    ImageCatalog images =
        new ImageCatalog(
            new ImageStreamStatus(
                "", null, List.of(), 1L, null, List.of(full), null, null, null, null),
            StatusImageMetadata.SUMMARY,
            16 * 1024);

    Image kept = images.get(A).orElseThrow();
    assertThat(kept.name()).isEqualTo(A);
    assertThat(kept.dockerImageReference()).as("the tag's history item has it").isNull();
    assertThat(kept.dockerImageManifestMediaType()).isEqualTo(full.dockerImageManifestMediaType());
    assertThat(kept.dockerImageLayers()).isNull();
    assertThat(kept.metadataTruncated()).isTrue();
  }

  @Test
  void aManifestListsRecordIsItsOwnSummary() {
    Image list =
        new Image(
            A,
            "registry.example.com/team/app@" + A,
            null,
            "1.0",
            null,
            List.of(
                new dev.imagestreams.api.v1.ImageManifest(
                    B, "application/vnd.oci.image.manifest.v1+json", 500L, "arm64", "linux", "v8")),
            "application/vnd.oci.image.index.v1+json",
            null);
    ImageCatalog images =
        new ImageCatalog(
            new ImageStreamStatus(
                "", null, List.of(), 1L, null, List.of(list), null, null, null, null),
            StatusImageMetadata.SUMMARY,
            16 * 1024);
    assertThat(images.get(A)).as("its platforms are all it has").contains(list);
  }

  @Test
  void fullRecordsStayFullWithinTheirBound() {
    Image full = withLayers(record(A, "registry.example.com/team/app@" + A));
    ImageCatalog images =
        new ImageCatalog(
            new ImageStreamStatus(
                "", null, List.of(), 1L, null, List.of(full), null, null, null, null),
            StatusImageMetadata.FULL,
            16 * 1024);
    assertThat(images.get(A)).contains(full);
  }

  private static Image withLayers(Image image) {
    return new Image(
        image.name(),
        image.dockerImageReference(),
        image.dockerImageMetadata(),
        image.dockerImageMetadataVersion(),
        List.of(
            new dev.imagestreams.api.v1.ImageLayer(
                B, 10L, "application/vnd.oci.image.layer.v1.tar+gzip")),
        image.dockerImageManifests(),
        image.dockerImageManifestMediaType(),
        null);
  }

  private static Image record(String digest, String pullSpec) {
    return new Image(
        digest,
        pullSpec,
        null,
        "1.0",
        null,
        null,
        "application/vnd.oci.image.manifest.v1+json",
        null);
  }
}
