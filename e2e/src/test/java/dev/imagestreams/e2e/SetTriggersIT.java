package dev.imagestreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.engine.triggers.TriggerAnnotation;
import dev.imagestreams.operator.it.OperatorTestBase;
import dev.imagestreams.plugin.testing.PluginRunner;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl imagestream set triggers} against the running operator on a real kube-apiserver:
 * the docs' example set, listed, paused, resumed and removed, and the trigger it writes followed by
 * the operator.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class SetTriggersIT extends OperatorTestBase {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  private PluginRunner plugin() {
    return PluginRunner.withKubeconfig(((RealApiServer) api).controlPlane().adminKubeconfig(), ns);
  }

  private Deployment deployment() {
    return k8s.apps().deployments().inNamespace(ns).withName("web").get();
  }

  @Test
  void theDocsExampleSetListedPausedResumedAndRemoved() {
    PluginRunner plugin = plugin();
    PushedImage app = REGISTRY.pusher().pushOciImage("e2e/app", "1", Platform.LINUX_AMD64, 1);
    create(Streams.stream(ns, "app").dockerImage("latest", repo("e2e/app:1")).forCreate());
    k8s.resource(
            Serialization.unmarshal(
                String.join(
                    "\n",
                    "apiVersion: apps/v1",
                    "kind: Deployment",
                    "metadata: {name: web, namespace: " + ns + "}",
                    "spec:",
                    "  selector: {matchLabels: {app: web}}",
                    "  template:",
                    "    metadata: {labels: {app: web}}",
                    "    spec:",
                    "      containers: [{name: web, image: \" \"}, {name: sidecar, image: s}]",
                    ""),
                Deployment.class))
        .create();

    assertThat(
            plugin
                .runSubcommand(
                    "set", "triggers", "deployment/web", "--from-image=app:latest", "-c", "web")
                .ok())
        .isEqualTo("deployment.apps/web updated\n");
    assertThat(deployment().getMetadata().getAnnotations().get(TriggerAnnotation.KEY))
        .isEqualTo(
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\"},"
                + "\"fieldPath\":\"spec.template.spec.containers[?(@.name==\\\"web\\\")].image\"}]");
    String pulled = repo("e2e/app") + "@" + app.digest();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getImage(),
            pulled::equals);

    assertThat(plugin.runSubcommand("set", "triggers", "deploy/web").ok())
        .isEqualTo(
            "NAME             TYPE    VALUE             AUTO\n"
                + "deployments/web  config                    true\n"
                + "deployments/web  image   app:latest (web)  true\n");

    assertThat(plugin.runSubcommand("set", "triggers", "deployment/web", "--manual").ok())
        .isEqualTo("deployment.apps/web updated\n");
    assertThat(deployment().getSpec().getPaused()).isTrue();
    assertThat(plugin.runSubcommand("set", "triggers", "deployment", "web").ok())
        .contains("deployments/web  config                    false\n")
        .contains("deployments/web  image   app:latest (web)  false\n");
    plugin.runSubcommand("set", "triggers", "deployment/web", "--auto").ok();
    assertThat(deployment().getSpec().getPaused()).as("false, stored as absent").isNotEqualTo(true);

    plugin
        .runSubcommand("set", "triggers", "deployment/web", "--from-image=app:latest", "--remove")
        .ok();
    assertThat(deployment().getMetadata().getAnnotations().get(TriggerAnnotation.KEY))
        .isEqualTo("null");
    assertThat(plugin.runSubcommand("set", "triggers", "deployment/web").ok())
        .isEqualTo(
            "NAME             TYPE    VALUE  AUTO\n" + "deployments/web  config         true\n");
  }

  @Test
  void refusalsAreOcsOneLineMessages() {
    PluginRunner plugin = plugin();
    k8s.resource(
            Serialization.unmarshal(
                String.join(
                    "\n",
                    "apiVersion: apps/v1",
                    "kind: Deployment",
                    "metadata: {name: web, namespace: " + ns + "}",
                    "spec:",
                    "  selector: {matchLabels: {app: web}}",
                    "  template:",
                    "    metadata: {labels: {app: web}}",
                    "    spec:",
                    "      containers: [{name: web, image: x}]",
                    ""),
                Deployment.class))
        .create();

    PluginRunner.Result noContainers =
        plugin.runSubcommand("set", "triggers", "deployment/web", "--from-image=app:latest");
    assertThat(noContainers.exit()).isEqualTo(1);
    assertThat(noContainers.err())
        .isEqualTo("error: you must specify --containers when setting --from-image\n");
    assertThat(
            plugin
                .runSubcommand(
                    "set", "triggers", "deployment/web", "--from-image=app:latest", "-c", "nope")
                .err())
        .isEqualTo("error: not all container names exist: nope (accepts: web)\n");
    assertThat(
            plugin
                .runSubcommand(
                    "set", "triggers", "deployment/web", "--from-image=quay.io/a/b:1", "-c", "web")
                .err())
        .isEqualTo(
            "error: the value of --from-image must point to an image stream tag on this server\n");
    assertThat(plugin.runSubcommand("set", "triggers", "job/web").err())
        .isEqualTo("error: job/web does not support triggers\n");
    assertThat(plugin.runSubcommand("set", "triggers", "deployment/gone").err())
        .isEqualTo("Error from server (NotFound): deployments.apps \"gone\" not found\n");
    assertThat(deployment().getMetadata().getAnnotations()).as("nothing written").isNullOrEmpty();
  }
}
