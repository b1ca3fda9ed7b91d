package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import dev.imagestreams.engine.config.StatusImageMetadata;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.KubeControlPlane;
import dev.imagestreams.testinfra.Kubectl;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Helm chart, with the helm that test-infra/build.sh builds: it lints strictly, renders what
 * deploy/ installs (the same RBAC and security contexts), takes every value, refuses wrong values
 * through its schema, and installs on the real API server under the restricted Pod Security
 * Standard without a warning.
 */
@Tag("kube-api")
@RequiresBuilt({BuiltBinary.KUBE_CONTROL_PLANE, BuiltBinary.HELM})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmChartIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();
  private static final Path CHART = Path.of("..", "helm", "imagestream-operator");

  private Path home;
  private KubeControlPlane plane;

  @BeforeAll
  void setUp() throws IOException {
    home = Files.createTempDirectory("helm-home");
  }

  @AfterAll
  void tearDown() {
    if (plane != null) {
      plane.close();
    }
  }

  record Result(int code, String out, String err) {
    String ok() {
      assertThat(code).as(err + out).isZero();
      return out;
    }
  }

  private Result helm(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(helmBinary().toString());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(home.resolve("out").toFile())
            .redirectError(home.resolve("err").toFile());
    for (String v : List.of("HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME")) {
      builder.environment().put(v, home.resolve(v).toString());
    }
    Process p = builder.start();
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("helm finished").isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(home.resolve("out")),
        Files.readString(home.resolve("err")));
  }

  /** The helm that test-infra/build.sh built: {@code <kube-api-test dir>/helm/<version>/helm}. */
  private static Path helmBinary() throws IOException {
    try (Stream<Path> versions = Files.list(KubeControlPlane.testDir().resolve("helm"))) {
      return versions
          .map(v -> v.resolve("helm"))
          .filter(Files::isExecutable)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no helm: run test-infra/build.sh"));
    }
  }

  private List<HasMetadata> render(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("template", "isop", CHART.toString(), "--namespace", "ops"));
    args.addAll(Arrays.asList(extra));
    String yaml = helm(args.toArray(String[]::new)).ok();
    List<HasMetadata> out = new ArrayList<>();
    for (String doc : yaml.split("(?m)^---\\s*$")) {
      if (doc.lines().anyMatch(l -> l.startsWith("kind:"))) {
        out.add((HasMetadata) Serialization.unmarshal(doc));
      }
    }
    return out;
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).as(type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  @Test
  void lintsStrictly() throws Exception {
    assertThat(helm("lint", "--strict", CHART.toString()).ok())
        .contains("1 chart(s) linted, 0 chart(s) failed");
  }

  @Test
  void theDefaultsRenderWhatDeployInstalls() throws Exception {
    List<HasMetadata> chart = render();
    assertThat(chart)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "ConfigMap",
            "Deployment",
            "Service",
            "Service",
            "MutatingWebhookConfiguration");
    assertThat(chart)
        .allSatisfy(
            o ->
                assertThat(o.getMetadata().getLabels())
                    .containsKeys(
                        "app.kubernetes.io/name",
                        "app.kubernetes.io/instance",
                        "app.kubernetes.io/version",
                        "app.kubernetes.io/managed-by",
                        "helm.sh/chart"));

    List<HasMetadata> deploy = RealApiServer.deployRbac();
    assertThat(named(only(chart, ClusterRole.class).getRules()))
        .as("the ClusterRole's rules")
        .isEqualTo(only(deploy, ClusterRole.class).getRules());
    assertThat(named(only(chart, Role.class).getRules()))
        .as("the Role's rules")
        .isEqualTo(only(deploy, Role.class).getRules());
    MutatingWebhookConfiguration webhook = only(chart, MutatingWebhookConfiguration.class);
    MutatingWebhookConfiguration deployed =
        LookupFixture.deployObjects().stream()
            .filter(MutatingWebhookConfiguration.class::isInstance)
            .map(MutatingWebhookConfiguration.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(webhook.getMetadata().getName()).isEqualTo("isop-imagestream-operator-image-lookup");
    for (int i = 0; i < deployed.getWebhooks().size(); i++) {
      var chartHook = webhook.getWebhooks().get(i);
      var deployHook = deployed.getWebhooks().get(i);
      assertThat(chartHook.getClientConfig().getService().getName())
          .isEqualTo("isop-imagestream-operator-webhook");
      assertThat(chartHook.getClientConfig().getService().getNamespace()).isEqualTo("ops");
      chartHook.setClientConfig(deployHook.getClientConfig());
      assertThat(chartHook).as("the chart's webhook, as deploy/'s").isEqualTo(deployHook);
    }

    Deployment rendered = only(chart, Deployment.class);
    Deployment installed =
        Serialization.unmarshal(
            Files.readString(RealApiServer.deployDir().resolve("deployment.yaml")),
            Deployment.class);
    var renderedPod = rendered.getSpec().getTemplate().getSpec();
    var installedPod = installed.getSpec().getTemplate().getSpec();
    assertThat(renderedPod.getSecurityContext()).isEqualTo(installedPod.getSecurityContext());
    assertThat(renderedPod.getContainers().get(0).getSecurityContext())
        .isEqualTo(installedPod.getContainers().get(0).getSecurityContext());
    assertThat(renderedPod.getContainers().get(0).getResources())
        .isEqualTo(installedPod.getContainers().get(0).getResources());
    assertThat(renderedPod.getContainers().get(0).getImage())
        .as("the tag defaults to appVersion")
        .isEqualTo("imagestream-operator:0.1.0");
    assertThat(rendered.getSpec().getReplicas()).isEqualTo(1);

    ConfigMap config = only(chart, ConfigMap.class);
    assertThat(env(rendered)).containsEntry("CONFIG_MAP_NAME", config.getMetadata().getName());
    assertThat(parse(config))
        .as("the chart's configuration: OpenShift's defaults")
        .isEqualTo(ImportConfig.defaults());
  }

  /** The chart's rules with its objects' names as deploy/ names them. */
  private static List<PolicyRule> named(List<PolicyRule> rules) {
    for (PolicyRule r : rules) {
      if (r.getResourceNames() != null) {
        r.setResourceNames(
            r.getResourceNames().stream()
                .map(n -> n.replace("isop-imagestream-operator", "imagestream-operator"))
                .toList());
      }
    }
    return rules;
  }

  @Test
  void imageLookupWithCertManagerOrOff() throws Exception {
    List<HasMetadata> certManager = render("--set", "imageLookup.certificates.mode=certManager");
    assertThat(certManager).extracting(HasMetadata::getKind).contains("Issuer", "Certificate");
    MutatingWebhookConfiguration webhook = only(certManager, MutatingWebhookConfiguration.class);
    assertThat(webhook.getMetadata().getAnnotations())
        .containsEntry("cert-manager.io/inject-ca-from", "ops/isop-imagestream-operator-webhook");
    Deployment d = only(certManager, Deployment.class);
    assertThat(env(d))
        .containsEntry("WEBHOOK_CERTIFICATES", "mounted")
        .containsEntry("IMAGE_LOOKUP_WEBHOOK", "true")
        .doesNotContainKey("WEBHOOK_SECRET");
    assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
        .filteredOn(v -> v.getSecret() != null)
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getSecret().getSecretName())
                    .isEqualTo("isop-imagestream-operator-webhook-cert"));
    assertThat(only(certManager, Role.class).getRules())
        .as("no Secret permission with cert-manager")
        .noneMatch(r -> r.getResources().contains("secrets"));
    assertThat(
            Serialization.asYaml(
                certManager.stream()
                    .filter(o -> o.getKind().equals("Certificate"))
                    .findFirst()
                    .orElseThrow()))
        .contains("isop-imagestream-operator-webhook.ops.svc", "PKCS8");
    assertThat(
            render(
                "--set",
                "imageLookup.certificates.mode=certManager",
                "--set-json",
                "imageLookup.certificates.certManager.issuerRef={\"name\":\"corp\",\"kind\":\"ClusterIssuer\"}"))
        .extracting(HasMetadata::getKind)
        .doesNotContain("Issuer")
        .contains("Certificate");

    List<HasMetadata> off = render("--set", "imageLookup.enabled=false");
    assertThat(off)
        .extracting(HasMetadata::getKind)
        .doesNotContain("MutatingWebhookConfiguration")
        .containsOnlyOnce("Service");
    assertThat(env(only(off, Deployment.class)))
        .containsEntry("IMAGE_LOOKUP_WEBHOOK", "false")
        .doesNotContainKey("WEBHOOK_PORT");
    assertThat(only(off, ClusterRole.class).getRules())
        .noneMatch(r -> r.getResources().contains("mutatingwebhookconfigurations"))
        .anySatisfy(r -> assertThat(r.getVerbs()).containsExactly("list", "watch"));
    assertThat(only(off, Role.class).getRules())
        .noneMatch(r -> r.getResources().contains("secrets"));
  }

  @Test
  void everyValueIsRendered() throws Exception {
    Path values = Path.of(HelmChartIT.class.getResource("/helm/every-value.yaml").toURI());
    List<HasMetadata> chart = render("--values", values.toString());
    assertThat(chart)
        .extracting(HasMetadata::getKind)
        .contains("ServiceMonitor", "PodDisruptionBudget");
    Deployment d = only(chart, Deployment.class);
    assertThat(d.getMetadata().getName()).isEqualTo("isop");
    assertThat(d.getSpec().getReplicas()).isEqualTo(2);
    var pod = d.getSpec().getTemplate().getSpec();
    var container = pod.getContainers().get(0);
    assertThat(container.getImage())
        .isEqualTo("registry.example.com/ops/imagestream-operator:9.9.9");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(pod.getServiceAccountName()).isEqualTo("isop-sa");
    assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("pull");
    assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
    assertThat(pod.getTolerations())
        .singleElement()
        .satisfies(t -> assertThat(t.getKey()).isEqualTo("dedicated"));
    assertThat(pod.getAffinity().getNodeAffinity()).isNotNull();
    assertThat(pod.getPriorityClassName()).isEqualTo("system-cluster-critical");
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L);
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true");
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("tier", "platform");
    assertThat(container.getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
    assertThat(container.getPorts())
        .filteredOn(p -> p.getName().equals("metrics"))
        .singleElement()
        .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(9090));
    assertThat(env(d))
        .containsEntry("WATCH_NAMESPACES", "team-a,team-b")
        .containsEntry("METRICS_PORT", "9090")
        .containsEntry("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=60");

    ImportConfig config = parse(only(chart, ConfigMap.class));
    assertThat(config.historyLimit()).isEqualTo(25);
    assertThat(config.imageImport().scheduledInterval())
        .isEqualTo(java.time.Duration.ofSeconds(300));
    assertThat(config.maxImageMetadataBytes()).isEqualTo(32768);
    assertThat(config.statusImageMetadata()).isEqualTo(StatusImageMetadata.FULL);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "replicaCount=two | at '/replicaCount': got string, want integer",
        "replicaCount=-1 | at '/replicaCount'",
        "unknownKey=1 | additional properties 'unknownKey' not allowed",
        "config.imageImport.scheduledImageImportMinimumIntervalSeconds=15m | at '/config/imageImport/scheduledImageImportMinimumIntervalSeconds': got string, want integer",
        "config.historyLimit=0 | at '/config/historyLimit'",
        "config.imageStreamImportMode=Newest | at '/config/imageStreamImportMode'",
        "config.imageImport.schedule=true | additional properties 'schedule' not allowed",
        "config.imageChangeTriggers.enabled=yes | at '/config/imageChangeTriggers/enabled': got string, want boolean",
      })
  void wrongValuesAreRefusedNamingThem(String value, String message) throws Exception {
    Result result = helm("template", "isop", CHART.toString(), "--set", value);
    assertThat(result.code()).isNotZero();
    assertThat(result.err())
        .contains("values don't meet the specifications of the schema")
        .contains(message);
  }

  @Test
  void switchingTheTriggerControllerOffDropsItsRulesAndRollsThePod() throws Exception {
    List<HasMetadata> on = render();
    List<HasMetadata> off = render("--set", "config.imageChangeTriggers.enabled=false");

    assertThat(only(on, ClusterRole.class).getRules())
        .anySatisfy(r -> assertThat(r.getApiGroups()).containsExactly("apps"))
        .anySatisfy(r -> assertThat(r.getApiGroups()).containsExactly("batch"));
    List<io.fabric8.kubernetes.api.model.rbac.PolicyRule> without =
        new ArrayList<>(only(on, ClusterRole.class).getRules());
    without.removeIf(r -> r.getApiGroups().contains("apps") || r.getApiGroups().contains("batch"));
    assertThat(only(off, ClusterRole.class).getRules())
        .as("the same rules less the trigger controller's two")
        .isEqualTo(without);
    assertThat(parse(only(off, ConfigMap.class)).imageChangeTriggers().enabled()).isFalse();
    assertThat(only(on, Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("imagestreams.dev/image-change-triggers", "enabled");
    assertThat(only(off, Deployment.class).getSpec().getTemplate().getMetadata().getAnnotations())
        .as("read at start: switching it changes the pod template, so the pod rolls")
        .containsEntry("imagestreams.dev/image-change-triggers", "disabled");
  }

  @Test
  void moreThanOneReplicaNeedsLeaderElection() throws Exception {
    Result result =
        helm(
            "template",
            "isop",
            CHART.toString(),
            "--set",
            "replicaCount=2",
            "--set",
            "leaderElection.enabled=false");
    assertThat(result.code()).isNotZero();
    assertThat(result.err()).contains("replicaCount > 1 needs leaderElection.enabled");
    assertThat(env(only(render("--set", "replicaCount=3"), Deployment.class)))
        .containsEntry("LEADER_ELECTION", "true");
  }

  @Test
  void installsOnTheRealApiServerUnderTheRestrictedStandardWithoutWarnings() throws Exception {
    plane = KubeControlPlane.start();
    Kubectl kubectl = new Kubectl(plane);
    kubectl.run("create", "namespace", "ops").ok();
    kubectl
        .run(
            "label",
            "namespace",
            "ops",
            "pod-security.kubernetes.io/enforce=restricted",
            "pod-security.kubernetes.io/warn=restricted")
        .ok();
    Path kubeconfig = home.resolve("kubeconfig");
    Files.writeString(kubeconfig, plane.adminKubeconfig());

    Result installed =
        helm(
            "install",
            "isop",
            CHART.toString(),
            "--namespace",
            "ops",
            "--kubeconfig",
            kubeconfig.toString(),
            "--set-json",
            "config.registrySources={\"insecureRegistries\":[\"" + REGISTRY.host() + "\"]}",
            "--set",
            "config.imageImport.scheduledImageImportMinimumIntervalSeconds=4");
    assertThat(installed.ok())
        .contains("STATUS: deployed", "kubectl wait --for=condition=Ready is/python");
    assertThat(installed.err())
        .as("warnings")
        .doesNotContain("Warning", "would violate PodSecurity");
    assertThat(kubectl.run("get", "crd", RealApiServer.CRD, "-o", "name").ok())
        .contains(RealApiServer.CRD);
    assertThat(
            kubectl
                .run(
                    "get",
                    "deployment",
                    "-n",
                    "ops",
                    "isop-imagestream-operator",
                    "-o",
                    "jsonpath={.spec.template.spec.serviceAccountName}")
                .ok())
        .isEqualTo("isop-imagestream-operator");
    // what Helm sent passes the server's own validation again, as a GitOps tool would apply it
    String manifest =
        helm("get", "manifest", "isop", "--namespace", "ops", "--kubeconfig", kubeconfig.toString())
            .ok();
    Kubectl.Result dryRun =
        kubectl.withInput(
            manifest, "apply", "--server-side", "--force-conflicts", "--dry-run=server", "-f", "-");
    assertThat(dryRun.ok())
        .contains("deployment.apps/isop-imagestream-operator serverside-applied (server dry run)");
    assertThat(dryRun.err()).as("warnings").isEmpty();

    runsAsTheChartsServiceAccount(kubectl);
  }

  /**
   * The operator's runnable jar as a process, with a token of the chart's ServiceAccount and the
   * environment of the chart's Deployment (JSON logs, leader election): it imports, re-imports a
   * scheduled tag, refuses a privileged namespace, and is never denied a request.
   */
  private void runsAsTheChartsServiceAccount(Kubectl kubectl) throws Exception {
    String token =
        kubectl
            .run("create", "token", "isop-imagestream-operator", "-n", "ops", "--duration=1h")
            .ok()
            .trim();
    Path kubeconfig = home.resolve("operator-kubeconfig");
    Files.writeString(
        kubeconfig,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s", certificate-authority: "%s"}}]
        users: [{name: u, user: {token: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: ops}}]
        current-context: c
        """
            .formatted(plane.url(), plane.caCertificate(), token));
    Deployment chart = only(render("--set", "replicaCount=1"), Deployment.class);
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                Path.of("target", "imagestream-operator.jar").toString())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("operator.log").toFile());
    env(chart)
        .forEach(
            (k, v) -> {
              if (v != null && !k.equals("JAVA_TOOL_OPTIONS")) {
                builder.environment().put(k, v);
              }
            });
    builder.environment().put("OPERATOR_NAMESPACE", "ops");
    builder.environment().put("POD_NAME", "isop-0");
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("LOG_FORMAT", "json");
    String port = String.valueOf(freePort());
    builder.environment().put("METRICS_PORT", port);
    builder.environment().put("WEBHOOK_PORT", String.valueOf(freePort()));
    Process operator = builder.start();
    try {
      PushedImage v1 = REGISTRY.pusher().pushOciImage("chart/app", "1", Platform.LINUX_AMD64, 61);
      kubectl.run("create", "namespace", "app").ok();
      kubectl
          .withInput(
              """
          apiVersion: image.openshift.io/v1
          kind: ImageStream
          metadata: {name: app, namespace: app}
          spec:
            tags:
            - name: "1"
              from: {kind: DockerImage, name: "%s/chart/app:1"}
              importPolicy: {scheduled: true}
          """
                  .formatted(REGISTRY.host()),
              "apply",
              "-f",
              "-")
          .ok();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .run(
                                  "wait",
                                  "-n",
                                  "app",
                                  "--for=condition=Ready",
                                  "is/app",
                                  "--timeout=5s")
                              .ok())
                      .contains("condition met"));
      assertThat(operator.isAlive())
          .as("the operator runs; its log:\n%s", Files.readString(home.resolve("operator.log")))
          .isTrue();
      // the webhook starts (its certificate, its Secret's informer) after reconciling does
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .untilAsserted(() -> assertThat(http(port, "/readyz")).isEqualTo(200));
      assertThat(http(port, "/healthz")).isEqualTo(200);
      // image lookup: the built-in certificates' Secret, and the webhook configuration kept
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .run(
                                  "get",
                                  "mutatingwebhookconfiguration",
                                  "isop-imagestream-operator-image-lookup",
                                  "-o",
                                  "jsonpath={.webhooks[1].namespaceSelector.matchExpressions[0].values}"
                                      + " {.webhooks[0].clientConfig.caBundle}")
                              .ok())
                      .startsWith("[\"app\"] LS0t"));
      assertThat(
              kubectl
                  .run(
                      "get",
                      "secret",
                      "isop-imagestream-operator-webhook-tls",
                      "-n",
                      "ops",
                      "-o",
                      "jsonpath={.type}")
                  .ok())
          .isEqualTo("kubernetes.io/tls");

      PushedImage v2 = REGISTRY.pusher().pushOciImage("chart/app", "1", Platform.LINUX_AMD64, 62);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .run(
                                  "get",
                                  "is/app",
                                  "-n",
                                  "app",
                                  "-o",
                                  "jsonpath={.status.tags[0].items[*].image}")
                              .ok())
                      .isEqualTo(v2.digest() + " " + v1.digest()));

      kubectl
          .withInput(
              """
          apiVersion: image.openshift.io/v1
          kind: ImageStream
          metadata: {name: app, namespace: default}
          spec:
            tags:
            - name: "1"
              from: {kind: DockerImage, name: "%s/chart/app:1"}
          """
                  .formatted(REGISTRY.host()),
              "apply",
              "-f",
              "-")
          .ok();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  assertThat(
                          kubectl
                              .run(
                                  "get",
                                  "is/app",
                                  "-n",
                                  "default",
                                  "-o",
                                  "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}")
                              .ok())
                      .isEqualTo("PrivilegedNamespace"));

      assertThat(plane.auditEvents())
          .filteredOn(
              e ->
                  "system:serviceaccount:ops:isop-imagestream-operator"
                      .equals(e.path("user").path("username").asText()))
          .as("the operator's requests as the chart's ServiceAccount")
          .isNotEmpty()
          .allSatisfy(
              e ->
                  assertThat(e.path("responseStatus").path("code").asInt())
                      .as(e.path("requestURI").asText())
                      .isNotEqualTo(403));
    } finally {
      operator.destroy(); // SIGTERM, as the kubelet stops a pod
      assertThat(operator.waitFor(30, TimeUnit.SECONDS))
          .as("stopped within the grace period")
          .isTrue();
    }
    List<String> log = Files.readAllLines(home.resolve("operator.log"));
    assertThat(log)
        .filteredOn(l -> l.startsWith("{"))
        .as("JSON log lines")
        .isNotEmpty()
        .allSatisfy(
            l ->
                assertThat(
                        new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(l)
                            .has("message"))
                    .isTrue());
    assertThat(log).anySatisfy(l -> assertThat(l).contains("leading: reconciling ImageStreams"));
  }

  private static int http(String port, String path) throws Exception {
    var connection =
        (java.net.HttpURLConnection)
            java.net.URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
    try {
      return connection.getResponseCode();
    } finally {
      connection.disconnect();
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Map<String, String> env(Deployment d) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (EnvVar e : d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      out.put(e.getName(), e.getValue());
    }
    return out;
  }

  private static ImportConfig parse(ConfigMap map) throws Exception {
    // the trusted-CA ConfigMap the values name exists, and holds no certificate yet
    return new ImportConfigParser(name -> Optional.of(Map.of()))
        .parse(map.getData().get(ConfigSource.KEY));
  }
}
