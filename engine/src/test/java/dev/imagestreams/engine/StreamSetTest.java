package dev.imagestreams.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.testing.References;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streams resolved together: tags following tags of other streams in the set settle whatever the
 * order the streams come in, also when streams follow each other in a circle; each reference is
 * imported once.
 */
class StreamSetTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private final AtomicInteger imports = new AtomicInteger();
  private final ImportEngine engine =
      new ImportEngine(
          ImportConfig.defaults(),
          EngineSettings.builder("test").clock(CLOCK).build(),
          (image, access, options, cancellation) -> {
            imports.incrementAndGet();
            if (!image.toString().equals("quay.io/team/base:1")) {
              throw RegistryException.of(ErrorKind.NOT_FOUND, "no " + image);
            }
            return image(image.toString());
          });

  @AfterEach
  void close() {
    engine.close();
  }

  private static ImageStream stream(String name) {
    return Streams.stream("default", name).build();
  }

  @Test
  void aChainAcrossStreamsSettlesWhicheverStreamComesFirst() throws Exception {
    List<ImageStream> streams =
        new ArrayList<>(
            List.of(
                Streams.stream("default", "app")
                    .streamTag("prod", "base:stable")
                    .streamTag("latest", "prod")
                    .build(),
                Streams.stream("default", "base").streamTag("stable", "lts:1").build(),
                Streams.stream("default", "lts").dockerImage("1", "quay.io/team/base:1").build()));
    for (int order = 0; order < 3; order++) {
      Collections.rotate(streams, 1);
      Map<StreamId, ImageStreamStatus> statuses = engine.resolveAll(streams, CredentialStore.EMPTY);

      System.err.println(
          "ORDER " + streams.stream().map(StreamId::of).toList() + " -> " + statuses);
      assertThat(statuses.keySet())
          .as("in the order given")
          .containsExactlyElementsOf(streams.stream().map(StreamId::of).toList());
      assertThat(statuses.values())
          .flatExtracting(ImageStreamStatus::tagList)
          .allSatisfy(
              t -> {
                assertThat(t.importCondition()).isEmpty();
                assertThat(t.current().map(TagEvent::image)).contains(DIGEST);
              })
          .hasSize(4);
      assertThat(statuses.get(new StreamId("default", "app")).image(DIGEST)).isPresent();
    }
    assertThat(imports).as("one import, reused by the later rounds").hasValue(1);
  }

  @Test
  void streamsThatFollowEachOtherInACircleSettle() throws Exception {
    Map<StreamId, ImageStreamStatus> statuses =
        engine.resolveAll(
            List.of(
                Streams.stream("default", "a")
                    .streamTag("x", "b:y")
                    .dockerImage("w", "quay.io/team/base:1")
                    .build(),
                Streams.stream("default", "b").streamTag("y", "a:w").streamTag("z", "a:x").build()),
            CredentialStore.EMPTY);

    assertThat(statuses.values())
        .flatExtracting(ImageStreamStatus::tagList)
        .allSatisfy(t -> assertThat(t.current().map(TagEvent::image)).contains(DIGEST))
        .hasSize(4);
  }

  @Test
  void aStreamGivenTwiceIsRefused() {
    assertThatThrownBy(
            () -> engine.resolveAll(List.of(stream("a"), stream("a")), CredentialStore.EMPTY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageStream default/a is given twice");
  }

  private static ResolvedImage image(String reference) {
    return new ResolvedImage(
        References.image(reference),
        References.digest(DIGEST),
        References.digest(DIGEST),
        MediaTypes.OCI_MANIFEST,
        400,
        List.of(),
        0,
        null,
        List.of(),
        null);
  }
}
