package dev.imagestreams.operator.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.engine.config.InvalidConfigException;
import dev.imagestreams.operator.startup.StartupProblem.Kind;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import io.javaoperatorsdk.operator.MissingCRDException;
import io.javaoperatorsdk.operator.OperatorException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * Every start-up failure says what actually happened, with the failures as fabric8 and JOSDK report
 * them.
 */
class StartupFailuresTest {
  private static final ApiServerTarget TARGET =
      new ApiServerTarget("https://10.0.0.1:6443", "KUBECONFIG=/home/me/dev.yaml");
  private static final String SA =
      "system:serviceaccount:imagestream-operator:imagestream-operator";

  /** An API error as fabric8 reports it for a request to the path. */
  private static KubernetesClientException answer(int code, String message, String path) {
    Status status = new StatusBuilder().withCode(code).withMessage(message).build();
    return new KubernetesClientException(
        "Failure executing: GET at: " + path + ". Message: " + message,
        null,
        code,
        status,
        new StandardHttpRequest.Builder().uri("https://10.0.0.1:6443" + path).build());
  }

  /** How JOSDK reports an informer that could not start. */
  private static Exception fromJosdk(Throwable cause) {
    return new OperatorException(
        "Error starting operator",
        new OperatorException(
            new ExecutionException(
                new OperatorException(
                    "Couldn't start source ControllerResourceEventSource", cause))));
  }

  @Test
  void aForbiddenGetSaysWhichVerbOnWhichResourceWhere() {
    var e =
        answer(
            403,
            "configmaps \"imagestream-operator-config\" is forbidden: User \""
                + SA
                + "\" cannot get resource"
                + " \"configmaps\" in API group \"\" in the namespace \"imagestream-operator\"",
            "/api/v1/namespaces/imagestream-operator/configmaps/imagestream-operator-config");
    StartupProblem p = StartupFailures.classify(e, TARGET);
    assertThat(p.kind()).isEqualTo(Kind.FORBIDDEN);
    assertThat(p.exitCode()).isEqualTo(3);
    assertThat(p.message())
        .isEqualTo(
            "forbidden: the Kubernetes API server at https://10.0.0.1:6443 does not allow "
                + SA
                + " to get configmaps in namespace imagestream-operator: bind the ClusterRole and Role of deploy/rbac.yaml to the"
                + " operator's ServiceAccount");
  }

  @Test
  void aForbiddenClusterWideListNamesTheApiGroup() {
    var e =
        answer(
            403,
            "imagestreams.image.openshift.io is forbidden: User \""
                + SA
                + "\" cannot list resource \"imagestreams\""
                + " in API group \"image.openshift.io\" at the cluster scope",
            "/apis/image.openshift.io/v1/imagestreams");
    assertThat(StartupFailures.classify(fromJosdk(e), TARGET).message())
        .startsWith(
            "forbidden: the Kubernetes API server at https://10.0.0.1:6443 does not allow "
                + SA
                + " to list imagestreams.image.openshift.io at the cluster scope: ");
  }

  @Test
  void aRefusalWordedOtherwiseKeepsTheApiServersWords() {
    var e =
        answer(403, "admission webhook denied the request", "/api/v1/namespaces/ns/configmaps/c");
    assertThat(StartupFailures.classify(e, TARGET).message())
        .startsWith(
            "forbidden: the Kubernetes API server at https://10.0.0.1:6443 refused a request: admission webhook denied the request");
  }

  @Test
  void rejectedCredentialsAreUnauthorizedAndSayWhoseCredentials() {
    StartupProblem p =
        StartupFailures.classify(
            answer(401, "Unauthorized", "/api/v1/namespaces/ns/configmaps/c"), TARGET);
    assertThat(p.kind()).isEqualTo(Kind.UNAUTHORIZED);
    assertThat(p.message())
        .isEqualTo(
            "the Kubernetes API server at https://10.0.0.1:6443 rejected the credentials from"
                + " KUBECONFIG=/home/me/dev.yaml (401 Unauthorized): the token or client certificate is invalid, expired or for another cluster");
  }

  @Test
  void aNotFoundImageStreamListMeansTheCrdIsMissingAndSaysHowToInstallIt() {
    StartupProblem p =
        StartupFailures.classify(
            fromJosdk(answer(404, "Not Found", "/apis/image.openshift.io/v1/imagestreams")),
            TARGET);
    assertThat(p.kind()).isEqualTo(Kind.CRD_MISSING);
    assertThat(p.message())
        .isEqualTo(
            "the ImageStream CRD (imagestreams.image.openshift.io) is not installed on the Kubernetes"
                + " API server at https://10.0.0.1:6443: install it with `kubectl apply --server-side -f crds/` (or start the operator"
                + " once with INSTALL_CRDS=true)");
    assertThat(
            StartupFailures.classify(
                    new MissingCRDException("imagestreams.image.openshift.io", "v1"), TARGET)
                .kind())
        .isEqualTo(Kind.CRD_MISSING);
  }

  @Test
  void anotherNotFoundIsNotTakenForTheCrd() {
    StartupProblem p =
        StartupFailures.classify(
            answer(404, "the server could not find the requested resource", "/api/v1/namespaces"),
            TARGET);
    assertThat(p.kind()).isEqualTo(Kind.API_ERROR);
    assertThat(p.message()).contains("404", "namespaces", "could not find the requested resource");
  }

  @Test
  void aRefusedConnectionIsUnreachableNamingTheServerAndTheConfiguration() {
    var e =
        new KubernetesClientException(
            "Operation: [get] for kind: [ConfigMap] failed.",
            new IOException(new ConnectException().initCause(new ClosedChannelException())));
    StartupProblem p = StartupFailures.classify(e, TARGET);
    assertThat(p.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(p.message())
        .isEqualTo(
            "cannot reach the Kubernetes API server at https://10.0.0.1:6443 (from"
                + " KUBECONFIG=/home/me/dev.yaml): the connection was refused");
  }

  @Test
  void anUnresolvableHostWithoutAnyConfigurationSaysToSetKubeconfig() {
    var e =
        new KubernetesClientException(
            "failed",
            new IOException(new ConnectException().initCause(new UnresolvedAddressException())));
    StartupProblem p =
        StartupFailures.classify(
            e,
            new ApiServerTarget(
                "https://kubernetes.default.svc/", "no kubeconfig and no pod service account"));
    assertThat(p.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(p.message())
        .isEqualTo(
            "cannot reach the Kubernetes API server at https://kubernetes.default.svc/ (from no"
                + " kubeconfig and no pod service account): its host name does not resolve; set KUBECONFIG or run the operator in a pod");
  }

  @Test
  void anUntrustedCertificateSaysSo() {
    var e =
        new KubernetesClientException(
            "failed",
            new IOException(
                new SSLHandshakeException("PKIX path building failed")
                    .initCause(new CertificateException("no path"))));
    StartupProblem p = StartupFailures.classify(e, TARGET);
    assertThat(p.kind()).isEqualTo(Kind.UNTRUSTED_CERTIFICATE);
    assertThat(p.message())
        .startsWith(
            "the TLS certificate of the Kubernetes API server at https://10.0.0.1:6443 (from"
                + " KUBECONFIG=/home/me/dev.yaml) is not trusted");
  }

  @Test
  void anInvalidConfigurationIsAConfigurationProblem() {
    StartupProblem p =
        StartupFailures.classify(
            new InvalidConfigException("historyLimit: must be between 1 and 1000"), TARGET);
    assertThat(p.kind()).isEqualTo(Kind.INVALID_CONFIGURATION);
    assertThat(p.exitCode()).isEqualTo(2);
    assertThat(p.message())
        .isEqualTo("invalid configuration: historyLimit: must be between 1 and 1000");
  }
}
