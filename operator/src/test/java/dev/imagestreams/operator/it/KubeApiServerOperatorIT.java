package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagImportPolicy;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.operator.testing.ApiServer;
import dev.imagestreams.operator.testing.RealApiServer;
import dev.imagestreams.operator.testing.Streams;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The scenarios on a real kube-apiserver and etcd (fabric8 kube-api-test), with server-side apply,
 * schema and CEL validation. Runs where kube-api-test's binaries exist (see the README); no
 * package reachable from CI ships kube-apiserver, so there the mock runs the same scenarios.
 */
@Tag("kube-api")
@EnabledIf("dev.imagestreams.operator.testing.RealApiServer#available")
class KubeApiServerOperatorIT extends OperatorScenarios {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  @Test
  void theApiServerEnforcesTheSchemaAndTheScheduledRule() {
    ImageStream scheduledReference = Streams.stream(ns, "bad").tag(new TagReference("t", null,
        TagSource.of("ImageStreamTag", "other:1", null), null, null, new TagImportPolicy(null, true, null), null)).forCreate();
    assertThatThrownBy(() -> k8s.resource(scheduledReference).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("only tags pointing to Docker repositories may be scheduled for background import");
    ImageStream badKind = Streams.stream(ns, "bad").tag(new TagReference("t", null,
        TagSource.of("Image", "x", null), null, null, null, null)).forCreate();
    assertThatThrownBy(() -> k8s.resource(badKind).create()).hasMessageContaining("Unsupported value: \"Image\"");
    ImageStream badName = Streams.stream(ns, "bad").dockerImage("-x:y", "quay.io/a/b:1").forCreate();
    assertThatThrownBy(() -> k8s.resource(badName).create()).hasMessageContaining("spec.tags[0].name");
  }
}
