package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.testing.LogCapture;
import dev.imagestreams.operator.ImageStreamOperator;
import dev.imagestreams.operator.LeaderElection;
import dev.imagestreams.operator.OperatorSettings;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.operator.startup.ApiServerTarget;
import dev.imagestreams.operator.startup.StartupException;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RBAC of deploy/rbac.yaml is exactly enough. With all of it, the operator, reading its
 * configuration from its ConfigMap as in a cluster and serving the image lookup webhook with its
 * built-in certificates, imports a stream, records its Event and writes the image of a Deployment
 * that follows it (image change triggers) with no request denied; without any one of its rules, the
 * API server denies it something, so no rule is there for nothing. (The other real-API-server
 * scenarios run with the same ServiceAccount and fail on any denied request.)
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerRbacIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final List<ImageStreamOperator> running = new ArrayList<>();
  private final List<Throwable> startFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
  private RealApiServer api;
  private KubernetesClient admin;

  @BeforeAll
  void start() {
    api = RealApiServer.start();
    admin = api.testClient();
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(RealApiServer.OPERATOR_NAMESPACE)
                .withName(ConfigSource.DEFAULT_NAME)
                .endMetadata()
                .withData(
                    Map.of(
                        ConfigSource.KEY,
                        "registrySources:\n  insecureRegistries: [\"" + REGISTRY.host() + "\"]\n"))
                .build())
        .createOr(NonDeletingOperation::update);
    // image lookup: the webhook configuration whose selector and CA bundle the operator keeps
    LookupFixture.install(admin, LookupFixture.freePort());
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void withEveryRuleTheOperatorImportsAndRecordsItsEventUndenied() throws Exception {
    String user = bindServiceAccount("complete", rules -> rules);
    String ns = run(user);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              ImageStream stream =
                  admin.resources(ImageStream.class).inNamespace(ns).withName("app").get();
              assertThat(stream.getStatus()).isNotNull();
              assertThat(stream.getStatus().condition("Ready"))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
              assertThat(admin.v1().events().inNamespace(ns).list().getItems())
                  .extracting(e -> e.getReason())
                  .contains("Imported", "ImageTriggered");
              assertThat(
                      admin
                          .apps()
                          .deployments()
                          .inNamespace(ns)
                          .withName("app")
                          .get()
                          .getSpec()
                          .getTemplate()
                          .getSpec()
                          .getContainers()
                          .get(0)
                          .getImage())
                  .as("the trigger wrote the image")
                  .startsWith(REGISTRY.host() + "/rbac/app@sha256:");
            });
    assertThat(api.deniedRequests(user)).isEmpty();
  }

  @Test
  void withTheTriggerControllerOffItsRulesAreNeitherNeededNorChecked() throws Exception {
    String configMap = ConfigSource.DEFAULT_NAME + "-no-triggers";
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withNamespace(RealApiServer.OPERATOR_NAMESPACE)
                .withName(configMap)
                .endMetadata()
                .withData(
                    Map.of(
                        ConfigSource.KEY,
                        "registrySources:\n  insecureRegistries: [\""
                            + REGISTRY.host()
                            + "\"]\nimageChangeTriggers: {enabled: false}\n"))
                .build())
        .createOr(NonDeletingOperation::update);
    String user =
        bindServiceAccount(
            "no-triggers",
            item -> {
              if (item instanceof ClusterRole cr) {
                cr.setRules(
                    cr.getRules().stream()
                        .filter(
                            r ->
                                !r.getApiGroups().contains("apps")
                                    && !r.getApiGroups().contains("batch"))
                        .toList());
              }
              return item;
            });
    KubernetesClient client = api.clientFor(user.substring(user.lastIndexOf(':') + 1));
    // start-up checks the permissions the configuration needs: none on workloads
    ImageStreamOperator operator =
        ImageStreamOperator.checkAndStart(
            OperatorSettings.of(client, RealApiServer.OPERATOR_NAMESPACE)
                .withConfigMapName(configMap),
            new ApiServerTarget(client.getConfiguration().getMasterUrl(), "the test's client"),
            false);
    synchronized (running) {
      running.add(operator);
    }
    String ns = "rbac-" + RUNS.incrementAndGet();
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    REGISTRY.pusher().pushOciImage("rbac/app", "1", Platform.LINUX_AMD64, 31);
    admin
        .resource(
            Streams.stream(ns, "app").dockerImage("1", REGISTRY.host() + "/rbac/app:1").forCreate())
        .create();
    admin.resource(triggeredDeployment(ns)).create();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        admin
                            .resources(ImageStream.class)
                            .inNamespace(ns)
                            .withName("app")
                            .get()
                            .getStatus())
                    .isNotNull());
    assertThat(
            admin
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("app")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .as("no trigger controller, no write")
        .isEqualTo("placeholder");
    assertThat(api.deniedRequests(user)).isEmpty();
  }

  @Test
  void withoutTheSecretsRuleTheStartStopsWithOneLineNamingItAndNoStackTrace() throws Exception {
    String user =
        bindServiceAccount(
            "no-secrets",
            item -> {
              if (item instanceof ClusterRole cr) {
                cr.setRules(
                    cr.getRules().stream()
                        .filter(r -> !r.getResources().contains("secrets"))
                        .toList());
              }
              return item;
            });
    KubernetesClient client = api.clientFor(user.substring(user.lastIndexOf(':') + 1));
    try (LogCapture fabric8 = LogCapture.of("io.fabric8");
        LogCapture josdk = LogCapture.of("io.javaoperatorsdk")) {
      assertThatThrownBy(
              () ->
                  ImageStreamOperator.checkAndStart(
                      OperatorSettings.of(client, RealApiServer.OPERATOR_NAMESPACE),
                      new ApiServerTarget(
                          client.getConfiguration().getMasterUrl(), "the test's client"),
                      false))
          .isInstanceOf(StartupException.class)
          .hasMessageEndingWith(
              " does not allow "
                  + user
                  + " to list secrets at the cluster scope: bind the ClusterRole and Role of"
                  + " deploy/rbac.yaml to the operator's ServiceAccount");
      assertThat(fabric8.lines()).as("nothing logged by the client").isEmpty();
      assertThat(josdk.lines()).as("nothing logged by JOSDK: it never started").isEmpty();
    }
  }

  /** Every rule of the ClusterRole and the Role, by index. */
  static Stream<String> rules() {
    List<String> out = new ArrayList<>();
    for (HasMetadata item : RealApiServer.deployRbac()) {
      List<PolicyRule> rules =
          item instanceof ClusterRole cr
              ? cr.getRules()
              : item instanceof Role r ? r.getRules() : List.of();
      for (int i = 0; i < rules.size(); i++) {
        out.add(item.getKind() + "#" + i + " " + rules.get(i).getResources());
      }
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("rules")
  void withoutAnyOneRuleTheApiServerDeniesTheOperatorSomething(String rule) throws Exception {
    String kind = rule.substring(0, rule.indexOf('#'));
    int index = Integer.parseInt(rule.substring(rule.indexOf('#') + 1, rule.indexOf(' ')));
    String user =
        bindServiceAccount(
            "without-" + RUNS.incrementAndGet(),
            item -> {
              if (item.getKind().equals(kind)) {
                List<PolicyRule> rules =
                    new ArrayList<>(
                        item instanceof ClusterRole cr ? cr.getRules() : ((Role) item).getRules());
                rules.remove(index);
                if (item instanceof ClusterRole cr) {
                  cr.setRules(rules);
                } else {
                  ((Role) item).setRules(rules);
                }
              }
              return item;
            });
    run(user);
    // denied a request, or (for the Lease, which JOSDK checks with a SelfSubjectRulesReview first)
    // refused to start
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<String> refused = new ArrayList<>(api.deniedRequests(user));
              startFailures.forEach(f -> refused.add("did not start: " + causes(f)));
              assertThat(refused).as(rule).isNotEmpty();
              if (api.deniedRequests(user).isEmpty()) {
                assertThat(refused)
                    .as(rule)
                    .anySatisfy(r -> assertThat(r).containsIgnoringCase("lease"));
              }
            });
  }

  private static String causes(Throwable failure) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      out.append(t.getMessage()).append("; ");
    }
    return out.toString();
  }

  @org.junit.jupiter.api.AfterEach
  void stopOperators() {
    startFailures.clear();
    synchronized (running) {
      running.forEach(ImageStreamOperator::close);
      running.clear();
    }
  }

  /**
   * Starts an operator as the user, in the background (without its permissions it may never start),
   * and creates a stream.
   */
  private String run(String user) {
    String sa = user.substring(user.lastIndexOf(':') + 1);
    KubernetesClient client = api.clientFor(sa);
    // each run makes the built-in certificates' Secret anew, so its create is checked too
    admin
        .secrets()
        .inNamespace(RealApiServer.OPERATOR_NAMESPACE)
        .withName(dev.imagestreams.operator.lookup.WebhookSettings.DEFAULT_SECRET)
        .withGracePeriod(0)
        .delete();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin
                        .secrets()
                        .inNamespace(RealApiServer.OPERATOR_NAMESPACE)
                        .withName(dev.imagestreams.operator.lookup.WebhookSettings.DEFAULT_SECRET)
                        .get()
                    == null);
    CompletableFuture.runAsync(
        () -> {
          try {
            ImageStreamOperator operator =
                new ImageStreamOperator(
                    OperatorSettings.of(client, RealApiServer.OPERATOR_NAMESPACE)
                        .withLeaderElection(
                            LeaderElection.of(sa)
                                .withExitOnLoss(false)
                                .withTimings(
                                    Duration.ofSeconds(4),
                                    Duration.ofSeconds(3),
                                    Duration.ofSeconds(1)))
                        .withWebhook(
                            LookupFixture.settings(
                                LookupFixture.freePort(), LookupFixture.builtIn())));
            synchronized (running) {
              running.add(operator);
            }
            operator.start();
          } catch (Exception e) {
            startFailures.add(e); // a missing permission may stop it here
          }
        });
    String ns = "rbac-" + RUNS.incrementAndGet();
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
    PushedImage image = REGISTRY.pusher().pushOciImage("rbac/app", "1", Platform.LINUX_AMD64, 31);
    admin
        .resource(
            Streams.stream(ns, "app").dockerImage("1", REGISTRY.host() + "/rbac/app:1").forCreate())
        .create();
    assertThat(image.digest()).isNotBlank();
    // a Deployment the trigger controller writes
    admin.resource(triggeredDeployment(ns)).create();
    return ns;
  }

  /** A Deployment whose container follows stream tag app:1 (image.openshift.io/triggers). */
  private static io.fabric8.kubernetes.api.model.apps.Deployment triggeredDeployment(String ns) {
    return Serialization.unmarshal(
        String.join(
            "\n",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  name: app",
            "  namespace: " + ns,
            "  annotations:",
            "    image.openshift.io/triggers: '[{\"from\":{\"kind\":\"ImageStreamTag\","
                + "\"name\":\"app:1\"},\"fieldPath\":\"spec.template.spec.containers[0].image\"}]'",
            "spec:",
            "  selector: {matchLabels: {app: app}}",
            "  template:",
            "    metadata: {labels: {app: app}}",
            "    spec:",
            "      containers: [{name: app, image: placeholder}]",
            ""),
        io.fabric8.kubernetes.api.model.apps.Deployment.class);
  }

  /**
   * A ServiceAccount bound to deploy/rbac.yaml's roles after a change, under names of its own;
   * returns its user name.
   */
  private String bindServiceAccount(
      String name, java.util.function.UnaryOperator<HasMetadata> change) {
    String namespace = RealApiServer.OPERATOR_NAMESPACE;
    admin
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build())
        .create();
    Subject subject = new Subject(null, "ServiceAccount", name, namespace);
    for (HasMetadata item : RealApiServer.deployRbac()) {
      HasMetadata copy = change.apply(Serialization.clone(item));
      if (copy instanceof ClusterRole || copy instanceof Role) {
        copy.getMetadata().setName(name);
        admin.resource(copy).create();
      } else if (copy instanceof ClusterRoleBinding b) {
        b.getMetadata().setName(name);
        b.getRoleRef().setName(name);
        b.setSubjects(List.of(subject));
        admin.resource(b).create();
      } else if (copy instanceof RoleBinding b) {
        b.getMetadata().setName(name);
        b.getRoleRef().setName(name);
        b.setSubjects(List.of(subject));
        admin.resource(b).create();
      }
    }
    return "system:serviceaccount:" + namespace + ":" + name;
  }
}
