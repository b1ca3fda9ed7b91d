package dev.imagestreams.operator.startup;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.config.InvalidConfigException;
import dev.imagestreams.operator.startup.StartupProblem.Kind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.MissingCRDException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what failed while the operator started into a {@link StartupProblem} that says what
 * actually happened: the API server cannot be reached, rejected the credentials, forbids a request
 * (which verb on which resource, where), or does not serve the ImageStream CRD (and how to install
 * it). Pure: it only reads the failure's cause chain.
 */
public final class StartupFailures {
  /** The CRD's name, {@code imagestreams.image.openshift.io}. */
  public static final String CRD = HasMetadata.getFullResourceName(ImageStream.class);

  /** How the API server words a refusal (Kubernetes' RBAC authorizer). */
  private static final Pattern FORBIDDEN =
      Pattern.compile(
          "User \"(?<user>[^\"]*)\" cannot (?<verb>\\S+) resource \"(?<resource>[^\"]*)\" in API group \"(?<group>[^\"]*)\""
              + "(?: in the namespace \"(?<namespace>[^\"]*)\"| at the cluster scope)?");

  private StartupFailures() {}

  /**
   * Describes a start-up failure.
   *
   * @param failure what was thrown
   * @param target the API server and where its configuration came from
   */
  public static StartupProblem classify(Throwable failure, ApiServerTarget target) {
    Optional<InvalidConfigException> invalid = cause(failure, InvalidConfigException.class);
    if (invalid.isPresent()) {
      return new StartupProblem(
          Kind.INVALID_CONFIGURATION, "invalid configuration: " + invalid.get().getMessage());
    }
    if (cause(failure, MissingCRDException.class).isPresent()) {
      return crdMissing(target);
    }
    Optional<KubernetesClientException> answered =
        causes(failure)
            .filter(KubernetesClientException.class::isInstance)
            .map(KubernetesClientException.class::cast)
            .filter(e -> e.getCode() > 0)
            .findFirst();
    if (answered.isPresent()) {
      return answer(answered.get(), target);
    }
    return connection(failure, target);
  }

  private static StartupProblem answer(KubernetesClientException e, ApiServerTarget target) {
    String server = "the Kubernetes API server at " + target.url();
    return switch (e.getCode()) {
      case 401 ->
          new StartupProblem(
              Kind.UNAUTHORIZED,
              server
                  + " rejected the credentials from "
                  + target.origin()
                  + " (401 Unauthorized): the token or client certificate is invalid, expired or for another cluster");
      case 403 -> new StartupProblem(Kind.FORBIDDEN, forbidden(statusMessage(e), server));
      case 404 ->
          isCrd(e)
              ? crdMissing(target)
              : new StartupProblem(
                  Kind.API_ERROR,
                  server + " answered 404 Not Found for " + resource(e) + ": " + statusMessage(e));
      default ->
          new StartupProblem(
              Kind.API_ERROR,
              server
                  + " answered "
                  + e.getCode()
                  + " for "
                  + resource(e)
                  + ": "
                  + statusMessage(e));
    };
  }

  private static String forbidden(String message, String server) {
    String remedy =
        ": bind the ClusterRole and Role of deploy/rbac.yaml to the operator's ServiceAccount";
    Matcher m = FORBIDDEN.matcher(message);
    if (!m.find()) {
      return "forbidden: " + server + " refused a request: " + message + remedy;
    }
    String resource =
        m.group("group").isEmpty()
            ? m.group("resource")
            : m.group("resource") + "." + m.group("group");
    String scope =
        m.group("namespace") != null
            ? "in namespace " + m.group("namespace")
            : "at the cluster scope";
    return "forbidden: "
        + server
        + " does not allow "
        + m.group("user")
        + " to "
        + m.group("verb")
        + " "
        + resource
        + " "
        + scope
        + remedy;
  }

  private static StartupProblem crdMissing(ApiServerTarget target) {
    return new StartupProblem(
        Kind.CRD_MISSING,
        "the ImageStream CRD ("
            + CRD
            + ") is not installed on the Kubernetes API server at "
            + target.url()
            + ": install it with `kubectl apply --server-side -f crds/` (or start the operator once with INSTALL_CRDS=true)");
  }

  private static StartupProblem connection(Throwable failure, ApiServerTarget target) {
    String server =
        "the Kubernetes API server at " + target.url() + " (from " + target.origin() + ")";
    String hint =
        KubeconfigLocation.isNone(target.origin())
            ? "; set KUBECONFIG or run the operator in a pod"
            : "";
    if (causes(failure)
        .anyMatch(
            t -> t instanceof UnresolvedAddressException || t instanceof UnknownHostException)) {
      return new StartupProblem(
          Kind.UNREACHABLE, "cannot reach " + server + ": its host name does not resolve" + hint);
    }
    if (causes(failure)
        .anyMatch(t -> t instanceof HttpTimeoutException || t instanceof SocketTimeoutException)) {
      return new StartupProblem(
          Kind.UNREACHABLE, "cannot reach " + server + ": no answer in time" + hint);
    }
    if (causes(failure)
        .anyMatch(t -> t instanceof ConnectException || t instanceof NoRouteToHostException)) {
      return new StartupProblem(
          Kind.UNREACHABLE, "cannot reach " + server + ": the connection was refused" + hint);
    }
    if (causes(failure).anyMatch(t -> t instanceof SSLHandshakeException)
        && causes(failure)
            .anyMatch(
                t ->
                    t instanceof CertificateException
                        || String.valueOf(t.getMessage()).contains("PKIX"))) {
      return new StartupProblem(
          Kind.UNTRUSTED_CERTIFICATE,
          "the TLS certificate of "
              + server
              + " is not trusted: check the certificate authority of that configuration ("
              + root(failure)
              + ")");
    }
    return new StartupProblem(
        Kind.API_ERROR, "a request to " + server + " failed: " + root(failure));
  }

  private static boolean isCrd(KubernetesClientException e) {
    return CRD.equals(e.getFullResourceName())
        || (HasMetadata.getGroup(ImageStream.class).equals(e.getGroup())
            && HasMetadata.getPlural(ImageStream.class).equals(e.getResourcePlural()));
  }

  private static String resource(KubernetesClientException e) {
    return e.getFullResourceName() == null ? "a request" : e.getFullResourceName();
  }

  private static String statusMessage(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  private static String root(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
    return causes(failure).filter(type::isInstance).map(type::cast).findFirst();
  }

  private static java.util.stream.Stream<Throwable> causes(Throwable failure) {
    return java.util.stream.Stream.iterate(
        failure, t -> t != null, t -> t.getCause() == t ? null : t.getCause());
  }
}
