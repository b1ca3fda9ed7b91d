package dev.imagestreams.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What start-up checks is exactly what deploy/rbac.yaml grants: every permission checked is granted
 * (or a correct install would not start), and every rule granted is checked (or a missing rule
 * would only show once informers fail, with their stack traces).
 */
class PermissionsTest {
  private static final String NS = "imagestream-operator";

  /** {@code group resource verb scope} of every rule, scope {@code cluster} or the namespace. */
  private static Set<String> granted() throws Exception {
    Set<String> out = new LinkedHashSet<>();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    try (YAMLParser parser =
        new YAMLFactory().createParser(Files.readString(Path.of("..", "deploy", "rbac.yaml")))) {
      for (JsonNode doc : yaml.readValues(parser, JsonNode.class).readAll()) {
        String kind = doc.path("kind").asText();
        if (!kind.equals("ClusterRole") && !kind.equals("Role")) {
          continue;
        }
        String scope =
            kind.equals("Role") ? doc.path("metadata").path("namespace").asText() : "cluster";
        for (JsonNode rule : doc.path("rules")) {
          List<String> names = new java.util.ArrayList<>();
          rule.path("resourceNames").forEach(n -> names.add(" " + n.asText()));
          if (names.isEmpty()) {
            names.add("");
          }
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              for (JsonNode verb : rule.path("verbs")) {
                for (String name : names) {
                  out.add(
                      group.asText()
                          + " "
                          + resource.asText()
                          + " "
                          + verb.asText()
                          + " "
                          + scope
                          + name);
                }
              }
            }
          }
        }
      }
    }
    return out;
  }

  private static Set<String> checked(List<Permissions.Permission> permissions) {
    Set<String> out = new LinkedHashSet<>();
    permissions.forEach(
        p ->
            out.add(
                p.group()
                    + " "
                    + p.resource()
                    + " "
                    + p.verb()
                    + " "
                    + (p.namespace() == null ? "cluster" : p.namespace())
                    + (p.name() == null ? "" : " " + p.name())));
    return out;
  }

  @Test
  void startUpChecksExactlyWhatDeployRbacGrants() throws Exception {
    assertThat(
            checked(
                Permissions.required(
                    Set.of(),
                    NS,
                    true,
                    true,
                    new Permissions.Webhook(
                        "imagestream-operator-image-lookup", "imagestream-operator-webhook-tls"))))
        .containsExactlyInAnyOrderElementsOf(granted());
  }

  @Test
  void theTriggerControllersRulesAreCheckedOnlyWhenItRuns() {
    Set<String> with = checked(Permissions.required(Set.of(), NS, false, true, null));
    Set<String> without = checked(Permissions.required(Set.of(), NS, false, false, null));
    assertThat(with)
        .contains(
            "apps deployments patch cluster",
            "apps statefulsets watch cluster",
            "apps daemonsets list cluster",
            "batch cronjobs patch cluster")
        .noneMatch(c -> c.contains(" get ") && (c.startsWith("apps") || c.startsWith("batch")));
    assertThat(without).noneMatch(c -> c.startsWith("apps") || c.startsWith("batch"));
    assertThat(with).containsAll(without);
  }

  @Test
  void withoutTheWebhookNoneOfItsPermissionsAndWithMountedCertificatesNoSecret() {
    assertThat(checked(Permissions.required(Set.of(), NS, true, false, null)))
        .noneMatch(c -> c.contains("mutatingwebhookconfigurations"))
        .noneMatch(c -> c.startsWith("image.openshift.io imagestreams get"))
        .noneMatch(c -> c.contains("secrets create"));
    assertThat(
            checked(
                Permissions.required(
                    Set.of("team-a"), NS, false, false, new Permissions.Webhook("lookup", null))))
        .contains(
            "image.openshift.io imagestreams get team-a",
            "admissionregistration.k8s.io mutatingwebhookconfigurations patch cluster lookup")
        .noneMatch(c -> c.contains("secrets create") || c.contains("secrets update"));
  }

  @Test
  void watchingSomeNamespacesChecksThemAndTheLeaseOnlyWithLeaderElection() {
    Set<String> checked = checked(Permissions.required(Set.of("team-a"), NS, false, true, null));
    assertThat(checked)
        .contains(
            "image.openshift.io imagestreams list team-a",
            " secrets watch team-a",
            "apps deployments patch team-a")
        .noneMatch(c -> c.contains("leases"))
        .noneMatch(c -> c.startsWith(" secrets") && c.endsWith("cluster"));
  }

  @Test
  void aRefusalIsWordedAsTheApiServerWordsIt() {
    assertThat(
            Permissions.refusal(
                "system:serviceaccount:ops:op",
                new Permissions.Permission("", "secrets", "list", null)))
        .isEqualTo(
            "User \"system:serviceaccount:ops:op\" cannot list resource \"secrets\" in API group"
                + " \"\" at the cluster scope");
  }
}
