package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStreamStatus;
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
            16 * 1024);

    images.referenced(record(A, "quay.io/other/app@" + A));
    Image sources = record(B, "quay.io/other/app@" + B);
    images.referenced(sources);

    assertThat(images.get(A)).contains(own);
    assertThat(images.get(B)).as("a record it has not got comes along").contains(sources);
    assertThat(images.get("sha256:" + "c".repeat(64))).isEmpty();
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
