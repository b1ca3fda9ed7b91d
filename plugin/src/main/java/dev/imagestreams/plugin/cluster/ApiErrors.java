package dev.imagestreams.plugin.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * The one place where failures of the Kubernetes API become the line the user reads: no cluster,
 * the CRD not installed, forbidden, unauthorized, or the server's own message in kubectl's {@code
 * Error from server (Reason): message} form.
 */
public final class ApiErrors {
  public static final String CRD = "imagestreams.image.openshift.io";

  private ApiErrors() {}

  /** The failure to report for an exception of a verb; {@code server} names the API server. */
  public static CommandFailure describe(Throwable e, String server) {
    if (e instanceof CommandFailure failure) {
      return failure;
    }
    if (e instanceof KubernetesClientException k) {
      if (k.getCode() == 0 || k.getStatus() == null && k.getCause() != null) {
        return new CommandFailure(unreachable(k, server), e);
      }
      if (k.getCode() == 401) {
        return new CommandFailure(
            "You must be logged in to the server (Unauthorized): "
                + server
                + " rejected the kubeconfig's credentials",
            e);
      }
      if (k.getCode() == 404 && crdMissing(k)) {
        return crdNotInstalled(e);
      }
      return new CommandFailure("Error from server (" + reason(k) + "): " + serverMessage(k), e);
    }
    return new CommandFailure(
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
  }

  /** {@link #describe(Throwable, String)} where the server is not known. */
  public static CommandFailure describe(Throwable e) {
    return describe(e, "the API server");
  }

  /** The CRD is not served: the group/resource answers 404 without naming an object. */
  public static CommandFailure crdNotInstalled(Throwable cause) {
    return new CommandFailure(
        "the ImageStream CRD ("
            + CRD
            + ") is not installed in this cluster: install the operator, or apply its CRD with"
            + " kubectl apply --server-side -f crds/",
        cause);
  }

  /** kubectl's NotFound line for an object. */
  public static CommandFailure notFound(String resource, String name) {
    return new CommandFailure(
        "Error from server (NotFound): "
            + resource
            + ".image.openshift.io \""
            + name
            + "\" not found");
  }

  private static boolean crdMissing(KubernetesClientException k) {
    Status status = k.getStatus();
    String message = status == null ? k.getMessage() : status.getMessage();
    return message != null && message.contains("the server could not find the requested resource");
  }

  private static String reason(KubernetesClientException k) {
    Status status = k.getStatus();
    if (status != null && status.getReason() != null && !status.getReason().isEmpty()) {
      return status.getReason();
    }
    return switch (k.getCode()) {
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 409 -> "Conflict";
      case 422 -> "Invalid";
      default -> "HTTP " + k.getCode();
    };
  }

  private static String serverMessage(KubernetesClientException k) {
    Status status = k.getStatus();
    return status != null && status.getMessage() != null ? status.getMessage() : k.getMessage();
  }

  private static String unreachable(KubernetesClientException k, String server) {
    Throwable root = k;
    String why = "no answer";
    for (Throwable t = k; t != null; t = t.getCause()) {
      root = t;
      if (t instanceof ConnectException) {
        why = "connection refused";
        break;
      }
      if (t instanceof UnknownHostException) {
        why = "the host name does not resolve";
        break;
      }
      if (t instanceof SSLException) {
        why = "TLS failed (" + t.getMessage() + ")";
        break;
      }
      if (t instanceof HttpTimeoutException || t instanceof InterruptedIOException) {
        why = "no answer in time";
        break;
      }
    }
    if ("no answer".equals(why) && root.getMessage() != null) {
      why = root.getMessage();
    }
    return "cannot reach the Kubernetes API server at "
        + server
        + ": "
        + why
        + " (is the cluster up, and is KUBECONFIG or --kubeconfig right?)";
  }
}
