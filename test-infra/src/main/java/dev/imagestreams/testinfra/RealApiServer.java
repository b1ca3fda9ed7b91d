package dev.imagestreams.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver and etcd ({@link KubeControlPlane}). The operator's client authenticates
 * with a token of the ServiceAccount in {@code deploy/rbac.yaml}, bound to exactly the roles there,
 * so every scenario on this server also proves that the operator's RBAC is enough: {@link
 * #deniedRequests()} lists what the API server refused it. The test's own client is the cluster
 * administrator.
 */
public final class RealApiServer extends ClientPair {
  public static final String OPERATOR_NAMESPACE = "imagestream-operator";
  public static final String SERVICE_ACCOUNT = "imagestream-operator";
  public static final String OPERATOR_USER =
      "system:serviceaccount:" + OPERATOR_NAMESPACE + ":" + SERVICE_ACCOUNT;

  public static final String CRD = "imagestreams.image.openshift.io";

  private final KubeControlPlane plane;
  private final RequestCounter testRequests = new RequestCounter();

  private RealApiServer(KubeControlPlane plane) {
    this.plane = plane;
    KubernetesClient admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(plane.adminKubeconfig()))
            .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("record", testRequests))
            .build();
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(OPERATOR_NAMESPACE)
                .endMetadata()
                .build())
        .createOr(NonDeletingOperation::update);
    for (HasMetadata item : deployRbac()) {
      admin.resource(item).forceConflicts().serverSideApply();
    }
    Config operator = serviceAccountConfig(plane, serviceAccountToken(admin, SERVICE_ACCOUNT));
    clients(
        counter ->
            new KubernetesClientBuilder()
                .withConfig(operator)
                .withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("count", counter))
                .build(),
        admin);
    awaitCrdEstablished(admin);
  }

  /** Waits (a minute at most) until the API server serves the ImageStream CRD. */
  public static void awaitCrdEstablished(KubernetesClient client) {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(CRD)
        .waitUntilCondition(RealApiServer::established, 60, TimeUnit.SECONDS);
  }

  public static RealApiServer start() {
    return new RealApiServer(KubeControlPlane.start());
  }

  /**
   * The objects of {@code deploy/rbac.yaml}: ServiceAccount, ClusterRole, Role and their bindings.
   */
  public static List<HasMetadata> deployRbac() {
    try {
      String yaml = Files.readString(deployDir().resolve("rbac.yaml"));
      return java.util.Arrays.stream(yaml.split("(?m)^---\\s*$"))
          .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
          .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The repository's {@code deploy/} (the build passes it; from a module directory it is {@code
   * ../deploy}).
   */
  public static Path deployDir() {
    String configured = System.getProperty("deploy.dir");
    return configured != null ? Path.of(configured) : Path.of("..", "deploy");
  }

  /** Whether the API server reports the CRD {@code Established} (it serves the resource). */
  public static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * A client authenticated as another ServiceAccount of the operator's namespace (with a token, as
   * in a pod).
   */
  public KubernetesClient clientFor(String serviceAccount) {
    return new KubernetesClientBuilder()
        .withConfig(serviceAccountConfig(plane, serviceAccountToken(testClient(), serviceAccount)))
        .build();
  }

  /**
   * A kubeconfig for a ServiceAccount of the operator's namespace (a token, as in a pod), for the
   * operator run as a process.
   */
  public String kubeconfigFor(String serviceAccount) {
    return """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "%s", certificate-authority: "%s"}}]
        users: [{name: u, user: {token: "%s"}}]
        contexts: [{name: c, context: {cluster: c, user: u, namespace: %s}}]
        current-context: c
        """
        .formatted(
            plane.url(),
            plane.caCertificate(),
            serviceAccountToken(testClient(), serviceAccount),
            OPERATOR_NAMESPACE);
  }

  private static String serviceAccountToken(KubernetesClient admin, String serviceAccount) {
    return admin
        .serviceAccounts()
        .inNamespace(OPERATOR_NAMESPACE)
        .withName(serviceAccount)
        .tokenRequest(
            new TokenRequestBuilder()
                .withNewSpec()
                .withExpirationSeconds(6 * 3600L)
                .endSpec()
                .build())
        .getStatus()
        .getToken();
  }

  private static Config serviceAccountConfig(KubeControlPlane plane, String token) {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(plane.url())
        .withCaCertFile(plane.caCertificate().toString())
        .withOauthToken(token)
        .withNamespace(OPERATOR_NAMESPACE)
        .build();
  }

  /** The test client's requests and answers (API server warnings among them). */
  public RequestCounter testRequests() {
    return testRequests;
  }

  /** What the API server refused the operator's ServiceAccount, from its audit log. */
  @Override
  public List<String> deniedRequests() {
    return deniedRequests(OPERATOR_USER);
  }

  /** What the API server refused a user, from its audit log. */
  public List<String> deniedRequests(String user) {
    return plane.auditEvents().stream()
        .filter(e -> user.equals(e.path("user").path("username").asText()))
        .filter(e -> e.path("responseStatus").path("code").asInt() == 403)
        .map(RealApiServer::describe)
        .toList();
  }

  private static String describe(JsonNode event) {
    return event.path("verb").asText()
        + " "
        + event.path("requestURI").asText()
        + ": "
        + event.path("responseStatus").path("message").asText();
  }

  public KubeControlPlane controlPlane() {
    return plane;
  }

  @Override
  public void close() {
    closeClients();
    plane.close();
  }
}
