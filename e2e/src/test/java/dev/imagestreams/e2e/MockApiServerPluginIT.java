package dev.imagestreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.operator.it.OperatorTestBase;
import dev.imagestreams.plugin.testing.PluginRunner;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.MockApiServer;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import org.junit.jupiter.api.Test;

/**
 * The reading verbs ({@code describe}, {@code get}) on fabric8's mock API server with the real
 * operator, so they are proven where no kube-apiserver can be built. The writing verbs use
 * server-side apply, which the mock does not have: they are proven on the real API server only
 * ({@link PluginWalkthroughIT}).
 */
class MockApiServerPluginIT extends OperatorTestBase {
  @Override
  protected ApiServer startApiServer() {
    return new MockApiServer();
  }

  private PluginRunner plugin() {
    String server = api.testClient().getConfiguration().getMasterUrl();
    return PluginRunner.withKubeconfig(
        "apiVersion: v1\nkind: Config\nclusters:\n- name: mock\n  cluster:\n    server: "
            + server
            + "\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: mock\n  context:\n"
            + "    cluster: mock\n    user: u\ncurrent-context: mock\n",
        ns);
  }

  @Test
  void describeAndGetAnImportedStream() {
    PushedImage python =
        REGISTRY.pusher().pushOciImage("library/python", "3.12", Platform.LINUX_AMD64, 1);
    PushedIndex multi = REGISTRY.pusher().pushOciIndex("library/python", "multi");
    create(
        Streams.stream(ns, "python")
            .dockerImage("3.12", repo("library/python:3.12"))
            .streamTag("latest", "3.12")
            .tag(
                new dev.imagestreams.api.v1.TagReference(
                    "multi",
                    null,
                    dev.imagestreams.api.v1.TagSource.of(
                        "DockerImage", repo("library/python:multi"), null),
                    null,
                    null,
                    new dev.imagestreams.api.v1.TagImportPolicy(null, null, "PreserveOriginal"),
                    null))
            .forCreate());
    awaitReady("python");
    PluginRunner plugin = plugin();

    assertThat(plugin.run("describe", "is/python").ok())
        .contains("\n3.12 (latest)\n  tagged from " + repo("library/python:3.12") + "\n")
        .contains("  * " + repo("library/python") + "@" + python.digest() + "\n");
    assertThat(plugin.run("describe", "istag/python:latest").ok())
        .startsWith("Image Name:\t" + python.digest() + "\n")
        .containsPattern("(?m)^Arch:\\t+amd64$");
    assertThat(
            plugin
                .run(
                    "get",
                    "istag/python:multi",
                    "-o",
                    "jsonpath={.image.metadata.name}{range .image.dockerImageManifests[*]} {.os}/{.architecture}{end}")
                .ok())
        .startsWith(multi.digest() + " ")
        .contains(" linux/amd64", " linux/arm64");
    assertThat(plugin.run("get", "is").ok()).containsPattern("(?m)^python\\s+");
  }
}
