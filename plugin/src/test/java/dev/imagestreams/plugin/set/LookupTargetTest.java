package dev.imagestreams.plugin.set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LookupTargetTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "python | ImageStream | image.openshift.io/v1 | imagestream.image.openshift.io/python",
        "is/python | ImageStream | image.openshift.io/v1 | imagestream.image.openshift.io/python",
        "imagestreams/python | ImageStream | image.openshift.io/v1 | imagestream.image.openshift.io/python",
        "deploy/web | Deployment | apps/v1 | deployment.apps/web",
        "deployments.apps/web | Deployment | apps/v1 | deployment.apps/web",
        "Deployment/web | Deployment | apps/v1 | deployment.apps/web",
        "ds/web | DaemonSet | apps/v1 | daemonset.apps/web",
        "sts/web | StatefulSet | apps/v1 | statefulset.apps/web",
        "rs/web | ReplicaSet | apps/v1 | replicaset.apps/web",
        "rc/web | ReplicationController | v1 | replicationcontroller/web",
        "job/web | Job | batch/v1 | job.batch/web",
        "cj/web | CronJob | batch/v1 | cronjob.batch/web",
        "pod/web | Pod | v1 | pod/web",
      })
  void readsOcsSpellings(String arg, String kind, String apiVersion, String display) {
    LookupTarget t = LookupTarget.parse(arg);
    assertThat(t.kind()).isEqualTo(kind);
    assertThat(t.apiVersion()).isEqualTo(apiVersion);
    assertThat(t.display()).isEqualTo(display);
  }

  @ParameterizedTest
  @ValueSource(strings = {"svc/web", "deploy/", "deploy/a/b", "/web", "configmaps/x"})
  void refusesWhatItDoesNotApplyTo(String arg) {
    assertThatThrownBy(() -> LookupTarget.parse(arg)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void mergePatchesThatCustomResourcesAccept() {
    assertThat(LookupTarget.parse("python").mergePatch(true))
        .isEqualTo("{\"spec\":{\"lookupPolicy\":{\"local\":true}}}");
    assertThat(LookupTarget.parse("python").mergePatch(false))
        .isEqualTo("{\"spec\":{\"lookupPolicy\":{\"local\":false}}}");
    assertThat(LookupTarget.parse("deploy/web").mergePatch(true))
        .isEqualTo(
            "{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                + "{\"alpha.image.policy.openshift.io/resolve-names\":\"*\"}}}}}");
    assertThat(LookupTarget.parse("cj/web").mergePatch(false))
        .isEqualTo(
            "{\"spec\":{\"jobTemplate\":{\"spec\":{\"template\":{\"metadata\":{\"annotations\":"
                + "{\"alpha.image.policy.openshift.io/resolve-names\":null}}}}}}}");
    assertThat(LookupTarget.parse("pod/web").mergePatch(true))
        .isEqualTo(
            "{\"metadata\":{\"annotations\":{\"alpha.image.policy.openshift.io/resolve-names\":\"*\"}}}");
    assertThat(LookupTarget.parse("deploy/web").notFound())
        .isEqualTo("Error from server (NotFound): deployments.apps \"web\" not found");
    assertThat(LookupTarget.parse("python").notFound())
        .isEqualTo(
            "Error from server (NotFound): imagestreams.image.openshift.io \"python\" not found");
  }

  @org.junit.jupiter.api.Test
  void readsTheSetting() {
    GenericKubernetesResource stream = new GenericKubernetesResource();
    stream.setMetadata(new ObjectMetaBuilder().withName("python").build());
    stream.setAdditionalProperty("spec", Map.of("lookupPolicy", Map.of("local", true)));
    assertThat(SetImageLookupCommand.local(stream, LookupTarget.parse("python"))).isTrue();
    stream.setAdditionalProperty("spec", Map.of());
    assertThat(SetImageLookupCommand.local(stream, LookupTarget.parse("python"))).isFalse();

    GenericKubernetesResource d = new GenericKubernetesResource();
    d.setMetadata(new ObjectMetaBuilder().withName("web").build());
    d.setAdditionalProperty(
        "spec",
        Map.of(
            "template",
            Map.of(
                "metadata",
                Map.of("annotations", Map.of(SetImageLookupCommand.RESOLVE_NAMES, "*")))));
    assertThat(SetImageLookupCommand.local(d, LookupTarget.parse("deploy/web"))).isTrue();
    assertThat(SetImageLookupCommand.local(d, LookupTarget.parse("pod/web"))).isFalse();
    d.getMetadata().setAnnotations(Map.of(SetImageLookupCommand.RESOLVE_NAMES, "*"));
    assertThat(SetImageLookupCommand.local(d, LookupTarget.parse("pod/web"))).isTrue();
    d.setAdditionalProperty("spec", "not a map");
    assertThat(SetImageLookupCommand.local(d, LookupTarget.parse("deploy/web"))).isFalse();
  }

  @org.junit.jupiter.api.Test
  void clusterOptionsMayComeBeforeOrAfterTheSubcommand() {
    for (String[] args :
        new String[][] {
          {"set", "-n", "team", "image-lookup", "python"},
          {"set", "image-lookup", "python", "-n", "team"}
        }) {
      var parsed = dev.imagestreams.plugin.KubectlImagestream.commandLine().parseArgs(args);
      SetImageLookupCommand command =
          (SetImageLookupCommand) parsed.subcommand().subcommand().commandSpec().userObject();
      assertThat(command.cluster.or(command.parent.cluster).namespace()).isEqualTo("team");
      assertThat(command.args).containsExactly("python");
      assertThat(command.enabled).isTrue();
    }
  }
}
