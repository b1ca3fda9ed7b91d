package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.startup.ApiServerTarget;
import dev.imagestreams.operator.startup.StartupException;
import dev.imagestreams.operator.startup.StartupProblem.Kind;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RealApiServerExtension;
import dev.imagestreams.testinfra.RequiresBuilt;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Start-up against a real API server, as {@code OperatorMain} runs it: each failure is reported for
 * what it is (unreachable, unauthorized, forbidden with the verb and resource, CRD not installed),
 * not as "cannot reach the API server".
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerStartupIT {
  private static final String NAMESPACE = RealApiServer.OPERATOR_NAMESPACE;

  @RegisterExtension static final RealApiServerExtension API = new RealApiServerExtension();

  private KubernetesClient admin;

  @BeforeAll
  void start() {
    admin = API.server().testClient();
  }

  /** Starts as OperatorMain does, expecting a failure. */
  private StartupException failure(KubernetesClient client) {
    try {
      start(client, false).close();
    } catch (StartupException e) {
      return e;
    }
    throw new AssertionError("the operator started");
  }

  private ImageStreamOperator start(KubernetesClient client, boolean installCrd)
      throws StartupException {
    return ImageStreamOperator.checkAndStart(
        OperatorSettings.of(client, NAMESPACE),
        new ApiServerTarget(client.getConfiguration().getMasterUrl(), "the test's kubeconfig"),
        installCrd);
  }

  @Test
  void withTheRbacOfDeployTheOperatorStartsAndIsDeniedNothing() throws Exception {
    try (KubernetesClient client = API.server().clientFor(RealApiServer.SERVICE_ACCOUNT);
        ImageStreamOperator operator = start(client, false)) {
      assertThat(operator.operator().getRuntimeInfo().isStarted()).isTrue();
    }
    assertThat(API.server().deniedRequests()).isEmpty();
  }

  @Test
  void aServiceAccountWithoutRolesIsForbiddenToReadTheConfigurationNamingVerbAndResource() {
    String user = serviceAccount("no-roles", rbac -> false);
    try (KubernetesClient client = API.server().clientFor("no-roles")) {
      StartupException e = failure(client);
      assertThat(e.problem().kind()).isEqualTo(Kind.FORBIDDEN);
      assertThat(e.getMessage())
          .isEqualTo(
              "forbidden: the Kubernetes API server at "
                  + client.getConfiguration().getMasterUrl()
                  + " does not allow "
                  + user
                  + " to get configmaps in namespace "
                  + NAMESPACE
                  + ": bind the ClusterRole and Role of deploy/rbac.yaml to the operator's ServiceAccount");
    }
  }

  @Test
  void withoutTheClusterRoleListingImageStreamsIsForbidden() {
    String user =
        serviceAccount("role-only", rbac -> rbac instanceof Role || rbac instanceof RoleBinding);
    try (KubernetesClient client = API.server().clientFor("role-only")) {
      assertThat(failure(client).getMessage())
          .startsWith(
              "forbidden: the Kubernetes API server at "
                  + client.getConfiguration().getMasterUrl()
                  + " does not allow "
                  + user
                  + " to list imagestreams.image.openshift.io at the cluster scope: ");
    }
  }

  @Test
  void aRefusalWhileTheOperatorItselfStartsIsReportedTheSameWay() {
    String user = serviceAccount("no-secrets", rbac -> true, "secrets");
    try (KubernetesClient client = API.server().clientFor("no-secrets")) {
      StartupException e = failure(client);
      assertThat(e.problem().kind()).isEqualTo(Kind.FORBIDDEN);
      assertThat(e.getMessage())
          .contains("does not allow " + user + " to list secrets at the cluster scope");
    }
  }

  @Test
  void aMissingCrdSaysHowToInstallItAndInstallCrdsInstallsIt() throws Exception {
    admin.apiextensions().v1().customResourceDefinitions().withName(RealApiServer.CRD).delete();
    await()
        .until(
            () ->
                admin
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(RealApiServer.CRD)
                        .get()
                    == null);
    try (KubernetesClient client = API.server().clientFor(RealApiServer.SERVICE_ACCOUNT)) {
      StartupException e = failure(client);
      assertThat(e.problem().kind()).isEqualTo(Kind.CRD_MISSING);
      assertThat(e.getMessage())
          .isEqualTo(
              "the ImageStream CRD (imagestreams.image.openshift.io) is not installed on the"
                  + " Kubernetes API server at "
                  + client.getConfiguration().getMasterUrl()
                  + ": install it with `kubectl apply --server-side -f crds/`"
                  + " (or start the operator once with INSTALL_CRDS=true)");
      try (ImageStreamOperator operator = start(admin, true)) {
        assertThat(operator.operator().getRuntimeInfo().isStarted())
            .as("INSTALL_CRDS=true")
            .isTrue();
      }
    } finally {
      ApiServer.installCrd(admin);
      RealApiServer.awaitCrdEstablished(admin);
    }
  }

  @Test
  void rejectedCredentialsAreUnauthorized() {
    Config bogus =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(API.server().controlPlane().url())
            .withCaCertFile(API.server().controlPlane().caCertificate().toString())
            .withOauthToken("not-a-token")
            .build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(bogus).build()) {
      StartupException e = failure(client);
      assertThat(e.problem().kind()).isEqualTo(Kind.UNAUTHORIZED);
      assertThat(e.getMessage())
          .startsWith(
              "the Kubernetes API server at "
                  + client.getConfiguration().getMasterUrl()
                  + " rejected the credentials from the test's kubeconfig (401 Unauthorized)");
    }
  }

  @Test
  void anApiServerThatIsNotListeningIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    String url = "https://127.0.0.1:" + closed;
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(url).build())
            .build()) {
      StartupException e = failure(client);
      assertThat(e.problem().kind()).isEqualTo(Kind.UNREACHABLE);
      assertThat(e.getMessage())
          .startsWith("cannot reach the Kubernetes API server at " + url)
          .endsWith("(from the test's kubeconfig): the connection was refused");
    }
  }

  /**
   * A ServiceAccount bound to those roles of deploy/rbac.yaml (and their bindings) the filter
   * keeps, without the rules on the resources named; returns its user name.
   */
  private String serviceAccount(
      String name, Predicate<HasMetadata> keep, String... withoutResources) {
    admin
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withNamespace(NAMESPACE)
                .withName(name)
                .endMetadata()
                .build())
        .create();
    Subject subject = new Subject(null, "ServiceAccount", name, NAMESPACE);
    List<String> without = List.of(withoutResources);
    for (HasMetadata item : RealApiServer.deployRbac()) {
      HasMetadata copy = Serialization.clone(item);
      if (!keep.test(copy)) {
        continue;
      }
      copy.getMetadata().setName(name);
      if (copy instanceof ClusterRole role) {
        role.setRules(
            role.getRules().stream()
                .filter(r -> r.getResources().stream().noneMatch(without::contains))
                .toList());
        admin.resource(role).create();
      } else if (copy instanceof Role role) {
        role.setRules(
            role.getRules().stream()
                .filter(r -> r.getResources().stream().noneMatch(without::contains))
                .toList());
        admin.resource(role).create();
      } else if (copy instanceof ClusterRoleBinding binding) {
        binding.getRoleRef().setName(name);
        binding.setSubjects(List.of(subject));
        admin.resource(binding).create();
      } else if (copy instanceof RoleBinding binding) {
        binding.getRoleRef().setName(name);
        binding.setSubjects(List.of(subject));
        admin.resource(binding).create();
      }
    }
    return "system:serviceaccount:" + NAMESPACE + ":" + name;
  }
}
