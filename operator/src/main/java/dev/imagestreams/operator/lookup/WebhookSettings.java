package dev.imagestreams.operator.lookup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How the image lookup webhook runs.
 *
 * @param bindAddress the address its HTTPS server binds
 * @param port its port (0: any free port, tests)
 * @param hosts the host names and IP addresses its serving certificate names (built-in mode)
 * @param configurationName the MutatingWebhookConfiguration the operator keeps
 * @param certificates where its serving certificate comes from
 * @param resync how often the webhook configuration is compared with what it should be
 * @param threads the threads answering admission requests
 */
public record WebhookSettings(
    String bindAddress,
    int port,
    List<String> hosts,
    String configurationName,
    Certificates certificates,
    Duration resync,
    int threads) {
  /** The URL path the API server posts AdmissionReviews to. */
  public static final String PATH = "/image-lookup";

  /** The webhook for local names ({@code python:3.12}) in namespaces with a lookup stream. */
  public static final String LOCAL_NAMES = "local-names.image-lookup.imagestreams.dev";

  /** The webhook for objects with the resolve-names annotation, in namespaces with any stream. */
  public static final String RESOLVE_NAMES = "resolve-names.image-lookup.imagestreams.dev";

  public static final String DEFAULT_CONFIGURATION = "imagestream-operator-image-lookup";
  public static final String DEFAULT_SECRET = "imagestream-operator-webhook-tls";
  public static final String DEFAULT_SERVICE = "imagestream-operator-webhook";

  public WebhookSettings {
    hosts = List.copyOf(hosts);
  }

  /** Where the serving certificate comes from. */
  public sealed interface Certificates {}

  /**
   * The operator keeps a CA and a serving certificate in a Secret of its namespace, renews them and
   * publishes the CA bundle in the webhook configuration.
   *
   * @param secretName the Secret
   * @param ca a CA's validity
   * @param serving a serving certificate's validity
   * @param grace how long a new CA is published before it signs, and a new serving certificate
   *     served before older CAs leave the bundle
   * @param check how often the leader checks whether a step is due
   */
  public record BuiltIn(
      String secretName, Duration ca, Duration serving, Duration grace, Duration check)
      implements Certificates {
    /** Five years for the CA, 90 days for serving certificates, ten minutes of grace. */
    public static BuiltIn defaults(String secretName) {
      return new BuiltIn(
          secretName,
          Duration.ofDays(5 * 365),
          Duration.ofDays(90),
          Duration.ofMinutes(10),
          Duration.ofMinutes(1));
    }
  }

  /**
   * {@code tls.crt} and {@code tls.key} in a directory (a mounted Secret that cert-manager keeps),
   * re-read when they change; cert-manager's CA injector keeps the CA bundle.
   *
   * @param directory the directory
   * @param poll how often the files are checked
   */
  public record Mounted(Path directory, Duration poll) implements Certificates {}

  /** The host names of a Service: {@code svc}, {@code svc.ns}, {@code svc.ns.svc}, and the FQDN. */
  public static List<String> serviceHosts(String service, String namespace) {
    return List.of(
        service,
        service + "." + namespace,
        service + "." + namespace + ".svc",
        service + "." + namespace + ".svc.cluster.local");
  }
}
