package dev.imagestreams.operator.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imagestreams.api.v1.ImageLookupPolicy;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.planning.StreamLookup;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LookupAdmissionTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String D = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
  static final String RESOLVED = "quay.io/lib/python@" + D;

  /** demo/python resolves local names; demo/ruby does not. */
  static final StreamLookup STREAMS =
      (ns, name) -> {
        if (!ns.equals("demo") || !(name.equals("python") || name.equals("ruby"))) {
          return Optional.empty();
        }
        ImageStream s = new ImageStream();
        s.setMetadata(new ObjectMetaBuilder().withNamespace(ns).withName(name).build());
        s.setSpec(new ImageStreamSpec(new ImageLookupPolicy(name.equals("python")), null, null));
        s.setStatus(
            new ImageStreamStatus(
                null,
                null,
                List.of(
                    new NamedTagEventList(
                        "3.12",
                        List.of(new TagEvent("t", "quay.io/lib/" + name + ":3.12", D, 1L)),
                        null,
                        null,
                        null)),
                null,
                null,
                null,
                null,
                null,
                null,
                null));
        return Optional.of(s);
      };

  static JsonNode json(String s) {
    try {
      return JSON.readTree(s.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static AdmissionRequest request(
      String group, String kind, String operation, String object, String oldObject) {
    return new AdmissionRequest(
        "uid-1",
        group,
        kind,
        "",
        operation,
        "demo",
        json(object),
        oldObject == null ? JSON.missingNode() : json(oldObject));
  }

  static String pod(String annotations, String... images) {
    StringBuilder c = new StringBuilder();
    for (int i = 0; i < images.length; i++) {
      c.append(i == 0 ? "" : ",")
          .append("{'name':'c")
          .append(i)
          .append("','image':'")
          .append(images[i])
          .append("'}");
    }
    return "{'metadata':{'name':'p'"
        + annotations
        + "},'spec':{'initContainers':[{'name':'init','image':'python:3.12'}],'containers':["
        + c
        + "]}}";
  }

  static AdmissionDecision decide(AdmissionRequest r) {
    return LookupAdmission.decide(r, STREAMS, Set.of("default"));
  }

  @Test
  void aPodsLocalNamesAreReplacedInitContainersFirst() {
    AdmissionDecision d =
        decide(
            request(
                "", "Pod", "CREATE", pod("", "python:3.12", "ruby:3.12", "quay.io/x/y:1"), null));
    assertThat(d)
        .isEqualTo(
            AdmissionDecision.patch(
                List.of(
                    new AdmissionDecision.Replace("/spec/initContainers/0/image", RESOLVED),
                    new AdmissionDecision.Replace("/spec/containers/0/image", RESOLVED))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "apps | Deployment | /spec/template/spec",
        "apps | DaemonSet | /spec/template/spec",
        "apps | StatefulSet | /spec/template/spec",
        "apps | ReplicaSet | /spec/template/spec",
        "'' | ReplicationController | /spec/template/spec",
        "batch | Job | /spec/template/spec",
        "batch | CronJob | /spec/jobTemplate/spec/template/spec",
      })
  void everyKindsPodTemplateIsResolvedAndItsAnnotationRead(String group, String kind, String spec) {
    String template =
        "{'metadata':{'annotations':{'alpha.image.policy.openshift.io/resolve-names':'*'}},'spec':{'containers':[{'name':'a','image':'quay.io/x/ruby:3.12'}]}}";
    String object =
        kind.equals("CronJob")
            ? "{'metadata':{'name':'w'},'spec':{'jobTemplate':{'spec':{'template':"
                + template
                + "}}}}"
            : "{'metadata':{'name':'w'},'spec':{'template':" + template + "}}";
    assertThat(decide(request(group, kind, "CREATE", object, null)).patch())
        .containsExactly(
            new AdmissionDecision.Replace(spec + "/containers/0/image", "quay.io/lib/ruby@" + D));
  }

  @Test
  void theObjectsOwnAnnotationAsksToo() {
    AdmissionDecision d =
        decide(
            request(
                "",
                "Pod",
                "CREATE",
                "{'metadata':{'annotations':{'alpha.image.policy.openshift.io/resolve-names':'*'}},'spec':{'containers':[{'name':'a','image':'docker.io/library/ruby:3.12'}]}}",
                null));
    assertThat(d.patch())
        .extracting(AdmissionDecision.Replace::value)
        .containsExactly("quay.io/lib/ruby@" + D);
    AdmissionDecision other =
        decide(
            request(
                "",
                "Pod",
                "CREATE",
                "{'metadata':{'annotations':{'alpha.image.policy.openshift.io/resolve-names':'yes'}},'spec':{'containers':[{'name':'a','image':'docker.io/library/ruby:3.12'}]}}",
                null));
    assertThat(other)
        .as("only \"*\" is the annotation's value")
        .isEqualTo(AdmissionDecision.UNCHANGED);
  }

  @Test
  void skips() {
    String p = pod("", "python:3.12");
    assertThat(decide(request("", "Pod", "DELETE", p, null)))
        .isEqualTo(AdmissionDecision.UNCHANGED);
    assertThat(decide(request("", "Pod", "CONNECT", p, null)))
        .isEqualTo(AdmissionDecision.UNCHANGED);
    assertThat(decide(request("", "ConfigMap", "CREATE", p, null)))
        .isEqualTo(AdmissionDecision.UNCHANGED);
    assertThat(decide(request("apps", "Pod", "CREATE", p, null)))
        .isEqualTo(AdmissionDecision.UNCHANGED);
    assertThat(
            LookupAdmission.decide(
                new AdmissionRequest("u", "", "Pod", "status", "UPDATE", "demo", json(p), json(p)),
                STREAMS,
                Set.of()))
        .as("a subresource")
        .isEqualTo(AdmissionDecision.UNCHANGED);
    assertThat(
            LookupAdmission.decide(
                new AdmissionRequest(
                    "u", "", "Pod", "", "CREATE", "default", json(p), JSON.missingNode()),
                STREAMS,
                Set.of("default")))
        .as("a privileged namespace")
        .isEqualTo(AdmissionDecision.UNCHANGED);
    String owned =
        "{'metadata':{'ownerReferences':[{'kind':'ReplicaSet','controller':true}]},'spec':{'containers':[{'name':'a','image':'python:3.12'}]}}";
    assertThat(decide(request("", "Pod", "CREATE", owned, null)))
        .as("a controller's")
        .isEqualTo(AdmissionDecision.UNCHANGED);
    String notController =
        "{'metadata':{'ownerReferences':[{'kind':'ReplicaSet','controller':false},{'kind':'X'}]},'spec':{'containers':[{'name':'a','image':'python:3.12'}]}}";
    assertThat(decide(request("", "Pod", "CREATE", notController, null)).patch()).hasSize(1);
    String job =
        "{'metadata':{},'spec':{'template':{'spec':{'containers':[{'name':'a','image':'python:3.12'}]}}}}";
    assertThat(decide(request("batch", "Job", "UPDATE", job, job)))
        .as("a Job's update")
        .isEqualTo(AdmissionDecision.UNCHANGED);
    assertThat(decide(request("batch", "Job", "CREATE", job, null)).patch()).hasSize(1);
    String noImage = "{'metadata':{},'spec':{'containers':[{'name':'a'}]}}";
    assertThat(decide(request("", "Pod", "CREATE", noImage, null)))
        .isEqualTo(AdmissionDecision.UNCHANGED);
  }

  @Test
  void onUpdateOnlyChangedContainersAreResolvedUnlessTheAnnotationToggled() {
    String old =
        "{'metadata':{},'spec':{'containers':[{'name':'a','image':'python:3.12'},{'name':'b','image':'ruby:3.12'}]}}";
    String changed =
        "{'metadata':{},'spec':{'containers':[{'name':'a','image':'python:3.12'},{'name':'b','image':'python:3.12'}]}}";
    assertThat(decide(request("", "Pod", "UPDATE", changed, old)).patch())
        .containsExactly(new AdmissionDecision.Replace("/spec/containers/1/image", RESOLVED));
    String renamed = "{'metadata':{},'spec':{'containers':[{'name':'z','image':'python:3.12'}]}}";
    assertThat(decide(request("", "Pod", "UPDATE", renamed, old)).patch()).hasSize(1);
    String annotated =
        "{'metadata':{'annotations':{'alpha.image.policy.openshift.io/resolve-names':'*'}},'spec':{'containers':[{'name':'a','image':'python:3.12'},{'name':'b','image':'ruby:3.12'}]}}";
    assertThat(decide(request("", "Pod", "UPDATE", annotated, old)).patch())
        .as("the annotation toggled: every container")
        .hasSize(2);
    assertThat(decide(request("", "Pod", "UPDATE", annotated, annotated)))
        .isEqualTo(AdmissionDecision.UNCHANGED);
  }

  @Test
  void anAlreadyResolvedImageIsNotPatchedAgain() {
    StreamLookup same = (ns, name) -> STREAMS.get(ns, name);
    String p =
        "{'metadata':{'annotations':{'alpha.image.policy.openshift.io/resolve-names':'*'}},'spec':{'containers':[{'name':'a','image':'quay.io/lib/python:3.12'}]}}";
    assertThat(
            LookupAdmission.decide(request("", "Pod", "CREATE", p, null), same, Set.of()).patch())
        .hasSize(1);
  }

  @Test
  void imagesThatCannotResolveRefuseNamingEachContainer() {
    AdmissionDecision d =
        decide(request("", "Pod", "CREATE", pod("", "python:3.11", "python:3.10"), null));
    assertThat(d.allowed()).isFalse();
    assertThat(d.patch()).isEmpty();
    assertThat(d.message())
        .startsWith("container \"c0\": image \"python:3.11\" could not be resolved")
        .contains("; container \"c1\": image \"python:3.10\" could not be resolved");
  }

  @Test
  void controlledAndResolveAllReadTheirFields() {
    assertThat(LookupAdmission.controlled(json("{'metadata':{}}"))).isFalse();
    assertThat(LookupAdmission.controlled(json("{}"))).isFalse();
    assertThat(LookupAdmission.resolveAll(json("{'metadata':{}}"), WorkloadKind.POD)).isFalse();
    assertThat(
            LookupAdmission.resolveAll(
                json(
                    "{'spec':{'template':{'metadata':{'annotations':{'alpha.image.policy.openshift.io/resolve-names':'*'}}}}}"),
                WorkloadKind.POD))
        .as("a Pod has no template")
        .isFalse();
  }
}
