package dev.imagestreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.it.LookupFixture;
import dev.imagestreams.operator.it.OperatorTestBase;
import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.plugin.testing.PluginRunner;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * docs/image-lookup.md's example end to end on a real kube-apiserver: the plugin tags an image and
 * turns lookup on (a JSON merge patch, which the CRD accepts), the operator's webhook resolves
 * {@code python:3.12} in a new pod, a Deployment's names once {@code set image-lookup deploy/NAME}
 * annotated it, and nothing once lookup is off again.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class ImageLookupWalkthroughIT extends OperatorTestBase {
  private final int port = LookupFixture.freePort();

  @Override
  protected ApiServer startApiServer() {
    RealApiServer server = RealApiServer.start();
    LookupFixture.install(server.testClient(), port);
    return server;
  }

  @Override
  protected OperatorSettings settings(OperatorSettings defaults) {
    return defaults.withWebhook(LookupFixture.settings(port, LookupFixture.builtIn()));
  }

  private PluginRunner plugin() {
    return PluginRunner.withKubeconfig(((RealApiServer) api).controlPlane().adminKubeconfig(), ns);
  }

  @Test
  void theDocsExample() {
    PluginRunner plugin = plugin();
    PushedImage python =
        REGISTRY.pusher().pushOciImage("library/python", "3.12", Platform.LINUX_AMD64, 91);
    String resolved = repo("library/python") + "@" + python.digest();
    plugin.run("tag", repo("library/python:3.12"), "python:3.12").ok();
    awaitReady("python");

    assertThat(plugin.run("set", "image-lookup", "python").ok())
        .isEqualTo("imagestream.image.openshift.io/python image lookup updated\n");
    assertThat(plugin.run("set", "image-lookup", "--list").ok())
        .isEqualTo("NAME     LOCAL\npython   true\n");
    assertThat(plugin.run("describe", "is/python").ok())
        .containsPattern("(?m)^Image Lookup:\\t+local=true$");
    awaitSent(WebhookSettings.LOCAL_NAMES, true);
    assertThat(image(k8s.resource(pod("web", "python:3.12")).create())).isEqualTo(resolved);

    // a workload's names: resolve-names on its pod template, an UPDATE that toggles it
    Deployment d =
        k8s.resource(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withNamespace(ns)
                    .withName("web")
                    .endMetadata()
                    .withNewSpec()
                    .withNewSelector()
                    .addToMatchLabels("app", "web")
                    .endSelector()
                    .withNewTemplate()
                    .withNewMetadata()
                    .addToLabels("app", "web")
                    .endMetadata()
                    .withNewSpec()
                    .addNewContainer()
                    .withName("app")
                    .withImage("quay.io/org/python:3.12")
                    .endContainer()
                    .endSpec()
                    .endTemplate()
                    .endSpec()
                    .build())
            .create();
    assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("quay.io/org/python:3.12");
    assertThat(plugin.run("set", "image-lookup", "deploy/web").ok())
        .isEqualTo("deployment.apps/web image lookup updated\n");
    assertThat(
            k8s.apps()
                .deployments()
                .inNamespace(ns)
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo(resolved);
    assertThat(plugin.run("set", "image-lookup", "--list", "deploy/web", "python").ok())
        .isEqualTo(
            "NAME                  LOCAL\ndeployment.apps/web   true\npython                true\n");

    // off again: the namespace is no longer sent, and short names are pulled as written
    assertThat(plugin.run("set", "image-lookup", "python", "--enabled=false").ok())
        .isEqualTo("imagestream.image.openshift.io/python image lookup updated\n");
    awaitSent(WebhookSettings.LOCAL_NAMES, false);
    assertThat(image(k8s.resource(pod("later", "python:3.12")).create())).isEqualTo("python:3.12");
    assertThat(plugin.run("set", "image-lookup", "nothere").err())
        .isEqualTo(
            "Error from server (NotFound): imagestreams.image.openshift.io \"nothere\" not found\n");
  }

  private void awaitSent(String webhook, boolean sent) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> LookupFixture.namespaces(k8s, webhook).contains(ns) == sent);
  }

  private Pod pod(String name, String image) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(ns)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage(image)
        .endContainer()
        .endSpec()
        .build();
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }
}
