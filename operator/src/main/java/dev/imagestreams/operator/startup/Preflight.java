package dev.imagestreams.operator.startup;

import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The operator's first requests, made before anything starts, with a client that does not retry: an
 * unreachable API server, rejected credentials, missing RBAC or a missing CRD are reported at once
 * (the operator's own client retries for some 20 s before giving up, which suits a running
 * operator, not a start-up). The requests are those the operator makes first anyway: reading its
 * configuration ConfigMap and listing ImageStreams where it watches.
 */
final class Preflight implements AutoCloseable {
  /** How long a connection attempt may take: an unreachable API server is reported within this. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** How long a start-up request may take, answer included. */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final KubernetesClient client;

  Preflight(Config config) {
    this.client = new KubernetesClientBuilder().withConfig(once(config)).build();
  }

  /**
   * The configuration for start-up requests: the operator's, without retries and with short
   * timeouts. HTTP/2 is off: over HTTP/2 the API server closes the connection of a client it does
   * not authenticate, and the client then reports the closed connection instead of the 401.
   */
  static Config once(Config config) {
    return new ConfigBuilder(config)
        .withRequestRetryBackoffLimit(0)
        .withConnectionTimeout((int) CONNECT_TIMEOUT.toMillis())
        .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis())
        .withHttp2Disable(true)
        .build();
  }

  /** Reads the configuration ConfigMap (absent is fine): reachability, credentials and its RBAC. */
  void readConfiguration(String namespace, String configMap) {
    client.configMaps().inNamespace(namespace).withName(configMap).get();
  }

  /**
   * Asks the API server whether the operator may do each thing it will do ({@code
   * SelfSubjectAccessReview}, which every authenticated user may make).
   *
   * @throws KubernetesClientException 403, worded as the API server words a refusal, for the first
   *     permission missing
   */
  void checkPermissions(List<Permissions.Permission> required) {
    for (Permissions.Permission p : required) {
      SelfSubjectAccessReview review =
          client
              .authorization()
              .v1()
              .selfSubjectAccessReview()
              .create(
                  new SelfSubjectAccessReviewBuilder()
                      .withNewSpec()
                      .withNewResourceAttributes()
                      .withGroup(p.group())
                      .withResource(p.plainResource())
                      .withSubresource(p.subresource())
                      .withVerb(p.verb())
                      .withNamespace(p.namespace())
                      .withName(p.name())
                      .endResourceAttributes()
                      .endSpec()
                      .build());
      if (review.getStatus() == null || !Boolean.TRUE.equals(review.getStatus().getAllowed())) {
        throw new KubernetesClientException(
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(Permissions.refusal(user(), p))
                .build());
      }
    }
  }

  /** Who the API server takes the operator for. */
  private String user() {
    try {
      SelfSubjectReview review = client.resource(new SelfSubjectReviewBuilder().build()).create();
      return review.getStatus().getUserInfo().getUsername();
    } catch (KubernetesClientException e) {
      return "the operator's user";
    }
  }

  /**
   * Lists one ImageStream in each watched namespace, or cluster-wide: the CRD is served and may be
   * listed.
   */
  void listImageStreams(Set<String> watchNamespaces) {
    var streams = client.resources(ImageStream.class);
    var one = new ListOptionsBuilder().withLimit(1L).build();
    if (watchNamespaces.isEmpty()) {
      streams.inAnyNamespace().list(one);
    } else {
      watchNamespaces.forEach(ns -> streams.inNamespace(ns).list(one));
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
