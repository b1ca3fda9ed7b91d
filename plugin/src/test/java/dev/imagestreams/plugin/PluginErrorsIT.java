package dev.imagestreams.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.plugin.testing.PluginRunner;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.KubeControlPlane;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Each failure the verbs report is one line and a non-zero exit, without a stack trace unless
 * {@code -v}: no cluster, unauthorized, the CRD not installed, forbidden, a stream or tag not
 * found, and an import request no operator answers. On a real API server with no operator (the
 * first test runs before the CRD is installed).
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginErrorsIT {
  private static final String NS = "errors";

  private KubeControlPlane plane;
  private KubernetesClient admin;
  private PluginRunner plugin;

  @BeforeAll
  void start() {
    plane = KubeControlPlane.startUnaudited();
    admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(plane.adminKubeconfig()))
            .build();
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    plugin = PluginRunner.withKubeconfig(plane.adminKubeconfig(), NS);
  }

  @AfterAll
  void stop() {
    if (admin != null) {
      admin.close();
    }
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  @Order(1)
  void theCrdIsNotInstalled() {
    String crdMissing =
        "error: the ImageStream CRD (imagestreams.image.openshift.io) is not installed in this"
            + " cluster: install the operator, or apply its CRD with kubectl apply --server-side -f"
            + " crds/\n";
    for (String[] args :
        new String[][] {
          {"describe", "is/python"},
          {"get", "is"},
          {"tag", "registry.example.com/python:3", "python:3"},
          {"import", "python:3"}
        }) {
      PluginRunner.Result result =
          plugin.run(args[0], java.util.Arrays.copyOfRange(args, 1, args.length));
      assertThat(result.exit()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(result.err()).as(String.join(" ", args)).isEqualTo(crdMissing);
    }
  }

  @Test
  @Order(2)
  void aStreamOrTagThatIsNotThere() {
    installCrd();
    assertThat(plugin.run("describe", "is/nope").err())
        .isEqualTo(
            "Error from server (NotFound): imagestreams.image.openshift.io \"nope\" not found\n");
    plugin.run("tag", "--reference", "registry.example.com/team/app:1", "app:1").ok();
    PluginRunner.Result tag = plugin.run("describe", "istag/app:2");
    assertThat(tag.exit()).isEqualTo(1);
    assertThat(tag.err())
        .isEqualTo(
            "Error from server (NotFound): imagestreamtags.image.openshift.io \"app:2\" not found\n");
    assertThat(plugin.run("get", "istag", "app:1").err())
        .as("a reference-only tag has no image, as in OpenShift")
        .isEqualTo(
            "Error from server (NotFound): imagestreamtags.image.openshift.io \"app:1\" not found\n");
    assertThat(plugin.run("tag", "-d", "app:9").err())
        .isEqualTo("error: destination tag " + NS + "/app:9 does not exist.\n");
    assertThat(plugin.run("tag", "-d", "nope:1").err())
        .isEqualTo("error: Image stream \"nope\" does not exist.\n");
  }

  @Test
  @Order(3)
  void anImportRequestNobodyAnswers() {
    installCrd();
    plugin.run("tag", "registry.example.com/team/web:1", "web:1").ok();
    PluginRunner.Result result = plugin.run("import", "web:1", "--timeout", "2s");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: no operator answered the import request for web within 2s: is the"
                + " imagestream-operator running? (kubectl get deployment -A -l"
                + " app.kubernetes.io/name=imagestream-operator)\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  @Order(4)
  void forbidden() {
    installCrd();
    admin
        .serviceAccounts()
        .inNamespace(NS)
        .resource(
            new ServiceAccountBuilder().withNewMetadata().withName("nobody").endMetadata().build())
        .create();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(NS)
            .withName("nobody")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    PluginRunner nobody = PluginRunner.withKubeconfig(kubeconfig(plane.url(), token, false), NS);
    PluginRunner.Result result = nobody.run("describe", "is/python");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "Error from server (Forbidden): imagestreams.image.openshift.io \"python\" is forbidden:"
                + " User \"system:serviceaccount:errors:nobody\" cannot get resource \"imagestreams\""
                + " in API group \"image.openshift.io\" in the namespace \"errors\"\n");
    assertThat(nobody.run("tag", "registry.example.com/a:1", "a:1").err())
        .startsWith("Error from server (Forbidden): ")
        .doesNotContain("\tat ");
  }

  @Test
  @Order(5)
  void unauthorized() {
    PluginRunner stranger =
        PluginRunner.withKubeconfig(kubeconfig(plane.url(), "not-a-token", false), NS);
    PluginRunner.Result result = stranger.run("get", "is");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: You must be logged in to the server (Unauthorized): "
                + plane.url()
                + "/ rejected the kubeconfig's credentials\n");
  }

  @Test
  @Order(6)
  void noClusterIsOneLineAndAStackTraceOnlyWithVerbose() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "https://127.0.0.1:" + closed;
    PluginRunner nowhere = PluginRunner.withKubeconfig(kubeconfig(url, "t", true), NS);
    PluginRunner.Result result = nowhere.run("describe", "is/python");
    assertThat(result.exit()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: cannot reach the Kubernetes API server at "
                + url
                + "/: connection refused (is the cluster up, and is KUBECONFIG or --kubeconfig"
                + " right?)\n");
    PluginRunner.Result verbose = nowhere.run("describe", "-v", "is/python");
    assertThat(verbose.err()).startsWith(result.err()).contains("\tat ");
  }

  private void installCrd() {
    ApiServer.installCrd(admin);
    RealApiServer.awaitCrdEstablished(admin);
  }

  private String kubeconfig(String server, String token, boolean skipTls) {
    String cluster =
        skipTls
            ? "insecure-skip-tls-verify: true"
            : "certificate-authority: " + plane.caCertificate();
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: "
        + server
        + "\n    "
        + cluster
        + "\nusers:\n- name: u\n  user:\n    token: "
        + token
        + "\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\n    namespace: "
        + NS
        + "\ncurrent-context: x\n";
  }
}
