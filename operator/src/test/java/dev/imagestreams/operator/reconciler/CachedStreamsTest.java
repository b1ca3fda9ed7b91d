package dev.imagestreams.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.planning.ImportPlanner;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachedStreamsTest {
  @Test
  void theCacheDropsManagedFieldsAndKubectlsCopyButKeepsWhatTheOperatorReads() {
    ImageStream stream =
        Streams.stream("team", "web").dockerImage("1", "quay.io/team/web:1").build();
    stream.getMetadata().setResourceVersion("42");
    stream
        .getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    stream
        .getMetadata()
        .setAnnotations(
            Map.of(
                CachedStreams.LAST_APPLIED, "{\"spec\":{}}",
                ImportPlanner.IMPORT_REQUEST_ANNOTATION, "now"));

    ItemStore<ImageStream> store = CachedStreams.store();
    store.put(store.getKey(stream), stream);
    ImageStream kept = store.get("team/web");

    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations())
        .containsOnlyKeys(ImportPlanner.IMPORT_REQUEST_ANNOTATION);
    assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(kept.getSpec().tags()).hasSize(1);
  }
}
