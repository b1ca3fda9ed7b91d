package dev.imagestreams.plugin.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.operator.config.ImportConfig;
import dev.imagestreams.operator.imports.ImportOutcome;
import dev.imagestreams.operator.planning.ImportPlanner;
import dev.imagestreams.operator.planning.StreamPlan;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.testing.References;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tags following tags of other streams in the input settle, whatever the order of the streams. */
class StatusRoundsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
  private static final String DIGEST = "sha256:" + "a".repeat(64);

  private final StreamDocuments documents = new StreamDocuments(new KubernetesSerialization());

  private static String stream(String name, String tags) {
    return "---\napiVersion: image.openshift.io/v1\nkind: ImageStream\nmetadata: {name: "
        + name
        + "}\nspec:\n  tags:\n"
        + tags;
  }

  @Test
  void aChainAcrossStreamsSettlesWhicheverStreamComesFirst() throws Exception {
    String yaml =
        stream(
                "app",
                "  - {name: prod, from: {kind: ImageStreamTag, name: \"base:stable\"}}\n"
                    + "  - {name: latest, from: {kind: ImageStreamTag, name: prod}}\n")
            + stream("base", "  - {name: stable, from: {kind: ImageStreamTag, name: \"lts:1\"}}\n")
            + stream(
                "lts",
                "  - {name: \"1\", from: {kind: DockerImage, name: \"quay.io/team/base:1\"}}\n");
    Map<ResourceID, ImageStream> streams = new LinkedHashMap<>();
    Map<ResourceID, StreamPlan> plans = new LinkedHashMap<>();
    for (ImageStream input : documents.parse(yaml, "test.yaml")) {
      ImageStream stream = StreamResolver.namespaced(input, "default");
      ResourceID id = ResourceID.fromResource(stream);
      streams.put(id, stream);
      plans.put(
          id,
          ImportPlanner.plan(
              stream, ImportConfig.defaults(), CredentialStore.EMPTY, Map.of(), NOW));
    }
    ImportOutcome imported = ImportOutcome.success(image("quay.io/team/base:1"), NOW);

    Map<ResourceID, ImageStreamStatus> statuses =
        StatusRounds.compose(
            streams,
            plans,
            Map.of(new ResourceID("lts", "default"), Map.of("1", imported)),
            ImportConfig.defaults(),
            NOW);

    assertThat(statuses.values())
        .flatExtracting(ImageStreamStatus::tagList)
        .allSatisfy(
            t -> {
              assertThat(t.importCondition()).isEmpty();
              assertThat(t.current().map(TagEvent::image)).contains(DIGEST);
            })
        .hasSize(4);
    assertThat(statuses.get(new ResourceID("app", "default")).image(DIGEST)).isPresent();
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
