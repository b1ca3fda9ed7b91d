package dev.imagestreams.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.operator.it.OperatorTestBase;
import dev.imagestreams.plugin.cluster.StreamStore;
import dev.imagestreams.plugin.testing.PluginRunner;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The plugin's verbs against the running operator on a real kube-apiserver and the local registry:
 * the OpenShift docs' walk-through (tag an external image, alias it, describe, list platforms,
 * schedule, delete), re-import on request, and a GitOps tool's tags left alone.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class PluginWalkthroughIT extends OperatorTestBase {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  private PluginRunner plugin() {
    return PluginRunner.withKubeconfig(((RealApiServer) api).controlPlane().adminKubeconfig(), ns);
  }

  @Test
  void theDocsWalkThrough() {
    PluginRunner plugin = plugin();
    PushedImage python =
        REGISTRY.pusher().pushOciImage("library/python", "3.12", Platform.LINUX_AMD64, 1);
    String source = repo("library/python:3.12");
    String pinned = repo("library/python") + "@" + python.digest();

    // tag an external image: the stream is created
    assertThat(plugin.run("tag", source, "python:3.12").ok())
        .isEqualTo("Tag python:3.12 set to " + source + ".\n");
    awaitStatus("python", s -> s.tag("3.12").flatMap(t -> t.current()).isPresent());

    // alias it, and pin a copy to its current image
    assertThat(plugin.run("tag", "--alias", "python:3.12", "python:latest").ok())
        .isEqualTo("Tag python:latest set up to track python:3.12.\n");
    assertThat(plugin.run("tag", "python:3.12", "python:pinned").ok())
        .isEqualTo("Tag python:pinned set to python@" + python.digest() + ".\n");
    TagReference pinnedTag = get("python").getSpec().tag("pinned").orElseThrow();
    assertThat(pinnedTag.from().kind()).isEqualTo(TagSource.IMAGE_STREAM_IMAGE);
    assertThat(pinnedTag.from().name()).isEqualTo("python@" + python.digest());
    awaitReady("python");

    // describe the stream and a tag
    String stream = plugin.run("describe", "is/python").ok();
    assertThat(stream)
        .containsPattern("(?m)^Name:\\t+python$")
        .containsPattern("(?m)^Namespace:\\t+" + Pattern.quote(ns) + "$")
        .containsPattern("(?m)^Unique Images:\\t+1$")
        .containsPattern("(?m)^Tags:\\t+3$")
        .contains("\n3.12 (latest)\n  tagged from " + source + "\n")
        .contains("\npinned\n  tagged from python@" + python.digest() + "\n")
        .contains("  * " + pinned + "\n");
    assertThat(withoutAges(plugin.run("describe", "python").ok())).isEqualTo(withoutAges(stream));
    String tag = plugin.run("describe", "istag/python:latest").ok();
    assertThat(tag)
        .startsWith("Image Name:\t" + python.digest() + "\n")
        .contains("Docker Image:\t" + pinned + "\n")
        .containsPattern("(?m)^Arch:\\t+amd64$")
        .containsPattern("(?m)^Image Size:\\t+\\S+ in \\d+ layers$");
    assertThat(withoutAges(plugin.run("describe", "python:latest").ok()))
        .isEqualTo(withoutAges(tag));

    // list a multi-platform tag's platforms with the docs' JSONPath
    PushedIndex multi = REGISTRY.pusher().pushOciIndex("library/python", "multi");
    assertThat(
            plugin
                .run(
                    "tag",
                    "--import-mode",
                    "PreserveOriginal",
                    repo("library/python:multi"),
                    "python:multi")
                .ok())
        .isEqualTo("Tag python:multi set to " + repo("library/python:multi") + ".\n");
    awaitStatus(
        "python",
        s ->
            s.tag("multi")
                .flatMap(t -> t.current())
                .filter(e -> multi.digest().equals(e.image()))
                .isPresent());
    String platforms =
        plugin
            .run(
                "get",
                "istag",
                "python:multi",
                "-o",
                "jsonpath={range .image.dockerImageManifests[*]}{.os}/{.architecture}{'\\n'}{end}")
            .ok();
    assertThat(platforms.lines()).contains("linux/amd64", "linux/arm64");
    assertThat(plugin.run("get", "istag", "python:multi", "-o", "json").ok())
        .contains("\"kind\": \"ImageStreamTag\"", "\"dockerImageManifests\"");
    assertThat(plugin.run("get", "is").ok().lines())
        .first()
        .asString()
        .matches("NAME\\s+IMAGE REPOSITORY\\s+TAGS\\s+UPDATED\\s*");
    assertThat(plugin.run("get", "istag").ok())
        .containsPattern("(?m)^python:3\\.12\\s+" + Pattern.quote(pinned) + "\\s+\\d+s$");

    // schedule, then tag again without --scheduled: scheduling is cleared
    assertThat(plugin.run("tag", "--scheduled", source, "python:3.12").ok())
        .isEqualTo("Tag python:3.12 set to import " + source + " periodically.\n");
    assertThat(get("python").getSpec().tag("3.12").orElseThrow().scheduledImport()).isTrue();
    assertThat(plugin.run("describe", "is/python").ok())
        .contains("  updates automatically from registry " + source + "\n");
    plugin.run("tag", source, "python:3.12").ok();
    assertThat(get("python").getSpec().tag("3.12").orElseThrow().scheduledImport()).isFalse();

    // delete: spec and status go, the other tags stay
    assertThat(plugin.run("tag", "-d", "python:pinned").ok())
        .isEqualTo("Deleted tag " + ns + "/python:pinned.\n");
    assertThat(get("python").getSpec().tag("pinned")).isEmpty();
    assertThat(get("python").getSpec().tagList())
        .extracting(TagReference::name)
        .containsExactlyInAnyOrder("3.12", "latest", "multi");
    awaitStatus("python", s -> s.tag("pinned").isEmpty());

    // the plugin owns exactly the spec tags it wrote, nothing else
    List<ManagedFieldsEntry> mine =
        get("python").getMetadata().getManagedFields().stream()
            .filter(m -> m.getManager().startsWith("kubectl-imagestream"))
            .toList();
    assertThat(mine).extracting(ManagedFieldsEntry::getOperation).containsOnly("Apply");
    assertThat(mine.toString()).doesNotContain("f:status");
  }

  @Test
  void importReimportsOnRequestAndReportsTheResult() {
    PluginRunner plugin = plugin();
    REGISTRY.pusher().pushOciImage("team/app", "1", Platform.LINUX_AMD64, 1);
    plugin.run("tag", repo("team/app:1"), "app:1").ok();
    awaitReady("app");
    PushedImage second = REGISTRY.pusher().pushOciImage("team/app", "1", Platform.LINUX_AMD64, 2);

    PluginRunner.Result imported = plugin.run("import", "app:1");

    assertThat(imported.exit()).isZero();
    assertThat(imported.out())
        .startsWith("imagestream.image.openshift.io/app imported\n\nName:")
        .contains("  * " + repo("team/app") + "@" + second.digest())
        .contains("Image Name:\t" + second.digest());
    assertThat(get("app").getStatus().tag("1").orElseThrow().current().orElseThrow().image())
        .isEqualTo(second.digest());
  }

  @Test
  void importCreatesWithFromAndConfirmAndFailsWithTheCondition() {
    PluginRunner plugin = plugin();
    PushedImage image = REGISTRY.pusher().pushOciImage("team/web", "2", Platform.LINUX_AMD64, 1);

    PluginRunner.Result refused = plugin.run("import", "web:2", "--from", repo("team/web:2"));
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo(
            "error: no image stream named \"web\" exists, pass --confirm to create and import\n");

    PluginRunner.Result created =
        plugin.run("import", "web:2", "--from", repo("team/web:2"), "--confirm", "--scheduled");
    assertThat(created.ok())
        .contains("imagestream.image.openshift.io/web imported", image.digest());
    TagReference tag = get("web").getSpec().tag("2").orElseThrow();
    assertThat(tag.from().name()).isEqualTo(repo("team/web:2"));
    assertThat(tag.scheduledImport()).isTrue();

    plugin.run("tag", repo("team/none:1"), "web:broken").ok();
    PluginRunner.Result failed = plugin.run("import", "web:broken");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.out())
        .startsWith("imagestream.image.openshift.io/web imported with errors\n");
    assertThat(failed.err()).startsWith("error: tag broken failed: Import failed (NotFound): ");

    assertThat(plugin.run("import", "web:2", "--from", repo("team/other:2")).err())
        .isEqualTo(
            "error: tag \"2\" already exists - you must use the 'tag' command if you want to change"
                + " the source to \""
                + repo("team/other:2")
                + "\"\n");
  }

  @Test
  void importInAPrivilegedNamespaceSaysWhyNothingHappens() {
    ensureNamespace("openshift", java.util.Map.of());
    PluginRunner plugin = plugin().inNamespace("openshift");
    REGISTRY.pusher().pushOciImage("team/priv", "1", Platform.LINUX_AMD64, 1);
    plugin.run("tag", repo("team/priv:1"), "priv:1").ok();

    PluginRunner.Result result = plugin.run("import", "priv:1", "--timeout", "5s");

    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("error: the operator does not import in namespace openshift: ");
  }

  @Test
  void anotherWritersChangeToATagThePluginWroteIsNeverReverted() {
    PluginRunner plugin = plugin();
    plugin.run("tag", "--reference", repo("team/x:1"), "x:a").ok();
    // another client (kubectl edit, a GitOps tool) changes the tag: a JSON patch, an Update
    replaceFirstTagSource("x", repo("team/x:2"));

    plugin.run("tag", "--reference", repo("team/x:1"), "x:b").ok();

    assertThat(get("x").getSpec().tag("a").orElseThrow().from().name())
        .as("the plugin re-sends the tags it applied before as they are now")
        .isEqualTo(repo("team/x:2"));
    assertThat(plugin.run("tag", "--reference", repo("team/x:3"), "x:a").err())
        .startsWith("error: the tag x:a is also managed by fabric8-kubernetes-client");
  }

  @Test
  void aStaleReadIsAConflictThatIsReadAgainOnce() {
    PluginRunner plugin = plugin();
    plugin.run("tag", "--reference", repo("team/y:1"), "y:a").ok();
    StreamStore store = new StreamStore(k8s, ns);
    java.util.Optional<ImageStream> stale = store.find("y");
    replaceFirstTagSource("y", repo("team/y:2"));

    store.applyTags(
        "y",
        stale,
        List.of(
            new TagReference(
                "b",
                null,
                TagSource.of(TagSource.DOCKER_IMAGE, repo("team/y:1"), null),
                true,
                null,
                null,
                null)),
        java.util.Set.of(),
        false);

    assertThat(get("y").getSpec().tagList())
        .extracting(t -> t.name() + "=" + t.from().name())
        .containsExactly("a=" + repo("team/y:2"), "b=" + repo("team/y:1"));
  }

  private void replaceFirstTagSource(String stream, String source) {
    k8s.resources(ImageStream.class)
        .inNamespace(ns)
        .withName(stream)
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.JSON),
            "[{\"op\":\"replace\",\"path\":\"/spec/tags/0/from/name\",\"value\":\""
                + source
                + "\"}]");
  }

  @Test
  void aTagAGitOpsToolOwnsIsLeftAloneUnlessForced() {
    PluginRunner plugin = plugin();
    REGISTRY.pusher().pushOciImage("team/api", "1", Platform.LINUX_AMD64, 1);
    REGISTRY.pusher().pushOciImage("team/api", "2", Platform.LINUX_AMD64, 2);
    ImageStream gitops = new ImageStream();
    gitops.setMetadata(new ObjectMetaBuilder().withName("api").withNamespace(ns).build());
    gitops.setSpec(
        new ImageStreamSpec(
            null,
            null,
            List.of(
                new TagReference(
                    "1",
                    null,
                    TagSource.of(TagSource.DOCKER_IMAGE, repo("team/api:1"), null),
                    null,
                    null,
                    null,
                    null))));
    k8s.resource(gitops).fieldManager("argocd-controller").serverSideApply();

    PluginRunner.Result refused = plugin.run("tag", repo("team/api:2"), "api:1");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("error: the tag api:1 is also managed by argocd-controller")
        .endsWith("pass --force to change it anyway\n");
    assertThat(plugin.run("tag", "-d", "api:1").err()).contains("argocd-controller");
    assertThat(get("api").getSpec().tag("1").orElseThrow().from().name())
        .isEqualTo(repo("team/api:1"));

    // another tag of the same stream: written, and the GitOps tool's apply still has no conflict
    plugin.run("tag", repo("team/api:2"), "api:2").ok();
    k8s.resource(gitops).fieldManager("argocd-controller").serverSideApply();
    assertThat(get("api").getSpec().tagList())
        .extracting(TagReference::name)
        .containsExactly("1", "2");

    // forced: the plugin takes the tag over
    assertThat(plugin.run("tag", "--force", repo("team/api:2"), "api:1").ok())
        .isEqualTo("Tag api:1 set to " + repo("team/api:2") + ".\n");
    assertThat(get("api").getSpec().tag("1").orElseThrow().from().name())
        .isEqualTo(repo("team/api:2"));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(get("api").getStatus()).isNotNull());
  }

  /** The text with every age ("5 seconds ago") replaced: two runs a second apart compare equal. */
  private static String withoutAges(String described) {
    return described.replaceAll(
        "(Less than a second|\\d+ seconds?|About a minute|\\d+ minutes) ago", "<age> ago");
  }
}
