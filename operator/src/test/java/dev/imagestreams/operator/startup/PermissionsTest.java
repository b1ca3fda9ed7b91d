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
          for (JsonNode group : rule.path("apiGroups")) {
            for (JsonNode resource : rule.path("resources")) {
              for (JsonNode verb : rule.path("verbs")) {
                out.add(
                    group.asText() + " " + resource.asText() + " " + verb.asText() + " " + scope);
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
                    + (p.namespace() == null ? "cluster" : p.namespace())));
    return out;
  }

  @Test
  void startUpChecksExactlyWhatDeployRbacGrants() throws Exception {
    assertThat(checked(Permissions.required(Set.of(), NS, true, true)))
        .containsExactlyInAnyOrderElementsOf(granted());
  }

  @Test
  void theTriggerControllersRulesAreCheckedOnlyWhenItRuns() {
    Set<String> with = checked(Permissions.required(Set.of(), NS, false, true));
    Set<String> without = checked(Permissions.required(Set.of(), NS, false, false));
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
  void watchingSomeNamespacesChecksThemAndTheLeaseOnlyWithLeaderElection() {
    Set<String> checked = checked(Permissions.required(Set.of("team-a"), NS, false, true));
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
