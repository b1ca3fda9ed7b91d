package dev.imagestreams.engine.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.Layer;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.manifest.PlatformManifest;
import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.testing.References;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ImageRecordsTest {
  private static final Digest D = References.digest("sha256:" + "c".repeat(64));

  private static ResolvedImage image(int envEntries) {
    List<String> env = new ArrayList<>();
    for (int i = 0; i < envEntries; i++) {
      env.add("VAR_" + i + "=" + "x".repeat(40));
    }
    return image(
        D,
        env,
        new TreeMap<>(Map.of("org.opencontainers.image.version", "1.2")),
        List.of("80/tcp"),
        List.of("/data"));
  }

  private static ResolvedImage image(
      Digest digest,
      List<String> env,
      Map<String, String> labels,
      List<String> ports,
      List<String> volumes) {
    ImageMetadata m =
        new ImageMetadata(
            Instant.parse("2024-01-01T00:00:00Z"),
            "me",
            "linux",
            "arm64",
            "v8",
            List.of("/entry"),
            List.of("cmd"),
            "/w",
            "1000",
            ports,
            labels,
            env,
            volumes,
            "24.0");
    return new ResolvedImage(
        References.image("quay.io/a/b:1"),
        digest,
        digest,
        MediaTypes.OCI_MANIFEST,
        500,
        List.of(new Layer(digest, 10, "application/vnd.oci.image.layer.v1.tar+gzip")),
        10,
        m,
        List.of(),
        Platform.parse("linux/arm64/v8"));
  }

  @Test
  void usesOpenShiftsImageFieldNames() {
    Image record = ImageRecords.of(image(1));
    assertThat(record.name()).isEqualTo(D.toString());
    assertThat(record.dockerImageReference()).isEqualTo("quay.io/a/b@" + D);
    assertThat(record.dockerImageMetadataVersion()).isEqualTo("1.0");
    assertThat(record.dockerImageManifestMediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(record.dockerImageMetadata().kind()).isEqualTo("DockerImage");
    assertThat(record.dockerImageMetadata().apiVersion()).isEqualTo("image.openshift.io/1.0");
    assertThat(record.dockerImageMetadata().architecture()).isEqualTo("arm64");
    assertThat(record.dockerImageMetadata().variant()).isEqualTo("v8");
    assertThat(record.dockerImageMetadata().config().volumes()).containsOnlyKeys("/data");
    assertThat(record.dockerImageLayers())
        .singleElement()
        .satisfies(l -> assertThat(l.size()).isEqualTo(10));
  }

  @Test
  void listsRecordTheirPlatformsAndNoLayers() {
    Digest child = References.digest("sha256:" + "d".repeat(64));
    ResolvedImage list =
        new ResolvedImage(
            References.image("quay.io/a/b:1"),
            D,
            D,
            MediaTypes.OCI_INDEX,
            300,
            List.of(),
            0,
            null,
            List.of(
                new PlatformManifest(
                    child,
                    MediaTypes.OCI_MANIFEST,
                    400,
                    Platform.parse("linux/arm64/v8"),
                    Map.of())),
            null);
    Image record = ImageRecords.of(list);
    assertThat(record.dockerImageLayers()).isNull();
    assertThat(record.dockerImageMetadata()).isNull();
    assertThat(record.dockerImageManifests())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.architecture()).isEqualTo("arm64");
              assertThat(m.variant()).isEqualTo("v8");
              assertThat(m.manifestSize()).isEqualTo(400);
            });
  }

  @Test
  void aRecordOverTheBoundKeepsItsIdentityAndScalarsOnly() {
    Image big = ImageRecords.of(image(500));
    assertThat(ImageRecords.size(big)).isGreaterThan(16 * 1024);
    Image bounded = ImageRecords.bounded(big, 16 * 1024);
    assertThat(bounded.metadataTruncated()).isTrue();
    assertThat(bounded.dockerImageLayers()).isNull();
    assertThat(bounded.dockerImageMetadata().config()).isNull();
    assertThat(bounded.dockerImageMetadata().architecture()).isEqualTo("arm64");
    assertThat(bounded.dockerImageMetadata().created()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(ImageRecords.size(bounded)).isLessThan(16 * 1024);
    Image small = ImageRecords.of(image(1));
    assertThat(ImageRecords.bounded(small, 16 * 1024)).isSameAs(small);
  }

  @Test
  void aStreamsRecordsStayWithinTheBudget() {
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Image one = ImageRecords.of(image(300));
      images.add(
          new Image(
              "sha256:" + String.format("%064d", i),
              one.dockerImageReference(),
              one.dockerImageMetadata(),
              one.dockerImageMetadataVersion(),
              one.dockerImageLayers(),
              null,
              one.dockerImageManifestMediaType(),
              null));
    }
    List<Image> within = ImageRecords.withinBudget(images);
    assertThat(within).hasSize(60);
    assertThat(within.stream().mapToLong(ImageRecords::size).sum())
        .isLessThanOrEqualTo(ImageRecords.STREAM_BUDGET_BYTES);
    assertThat(within).anyMatch(i -> Boolean.TRUE.equals(i.metadataTruncated()));
  }

  @Test
  void anImageWithoutLabelsPortsOrVolumesRecordsNoneOfThem() {
    Image record = ImageRecords.of(image(D, List.of(), Map.of(), List.of(), List.of()));
    var config = record.dockerImageMetadata().config();
    assertThat(config.labels()).as("no empty Labels object").isNull();
    assertThat(config.exposedPorts()).as("no empty ExposedPorts object").isNull();
    assertThat(config.volumes()).as("no empty Volumes object").isNull();
  }

  @Test
  void aRecordExactlyAtItsBoundStaysWhole() {
    Image record = ImageRecords.of(image(20));
    int size = ImageRecords.size(record);
    assertThat(ImageRecords.bounded(record, size)).isSameAs(record);
    assertThat(ImageRecords.bounded(record, size - 1).metadataTruncated()).isTrue();
  }

  @Test
  void recordsExactlyAtTheStreamBudgetStayWhole() {
    Image first = record(1, 200_000);
    Image second = record(2, ImageRecords.STREAM_BUDGET_BYTES - 200_000);
    assertThat(ImageRecords.withinBudget(List.of(first, second))).containsExactly(first, second);

    Image oneByteMore = record(2, ImageRecords.STREAM_BUDGET_BYTES - 200_000 + 1);
    assertThat(ImageRecords.withinBudget(List.of(first, oneByteMore)))
        .extracting(Image::metadataTruncated)
        .containsExactly(null, true);
  }

  @Test
  void overTheBudgetOnlyTheLargestIsReducedWhenThatIsEnough() {
    Image small = record(1, 100_000);
    Image large = record(2, 450_000);
    Image medium = record(3, 200_000);
    List<Image> within = ImageRecords.withinBudget(List.of(small, large, medium));
    assertThat(within)
        .extracting(Image::name)
        .containsExactly(small.name(), large.name(), medium.name());
    assertThat(within.get(0)).isSameAs(small);
    assertThat(within.get(1).metadataTruncated()).isTrue();
    assertThat(within.get(2)).as("reducing the largest was enough").isSameAs(medium);
  }

  /** An image record of exactly {@code bytes} bytes as JSON, its environment padded to size. */
  private static Image record(int index, int bytes) {
    Digest digest = References.digest("sha256:" + String.format("%064d", index));
    int unpadded = ImageRecords.size(ImageRecords.of(padded(digest, 0)));
    Image record = ImageRecords.of(padded(digest, bytes - unpadded));
    assertThat(ImageRecords.size(record)).isEqualTo(bytes);
    return record;
  }

  private static ResolvedImage padded(Digest digest, int padding) {
    return image(
        digest, List.of("PAD=" + "x".repeat(padding)), Map.of(), List.of("80/tcp"), List.of());
  }
}
