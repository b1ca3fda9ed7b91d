package dev.imagestreams.operator.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.imagestreams.operator.lookup.WebhookSettings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator process's settings, from its environment: each variable is declared once, here, as a
 * component in camel case ({@code metricsPort} is {@code METRICS_PORT}), with its default and its
 * check. Read strictly, as the ConfigMap is: a number must be a number and a switch {@code true} or
 * {@code false}; a wrong value stops the start with one line naming the variable and its value,
 * never a default in its place. docs/configuration.md documents each variable.
 *
 * @param operatorNamespace where the configuration ConfigMap and the Lease live (default: the
 *     service account's namespace, else {@code imagestream-operator})
 * @param configMapName the configuration ConfigMap
 * @param watchNamespaces comma-separated namespaces to watch; empty for all
 * @param metricsPort the port of {@code /metrics}, {@code /healthz} and {@code /readyz}
 * @param installCrds apply the bundled CRD at start (development clusters)
 * @param leaderElection elect a leader through a Lease
 * @param leaderElectionLease the Lease's name
 * @param podName this replica's identity in the Lease (default: {@code HOSTNAME})
 * @param hostname the host name, the identity without {@code POD_NAME}
 * @param logFormat {@code text} or {@code json}
 * @param logLevel {@code trace}, {@code debug}, {@code info}, {@code warn} or {@code error}
 * @param imageLookupWebhook serve the image lookup webhook
 * @param webhookPort the webhook's HTTPS port
 * @param webhookCertificates {@code builtin} (a Secret the operator keeps) or {@code mounted}
 *     (cert-manager's, in {@code WEBHOOK_CERT_DIR})
 * @param webhookCertDir where a mounted certificate's {@code tls.crt} and {@code tls.key} are
 * @param webhookConfiguration the MutatingWebhookConfiguration the operator keeps
 * @param webhookSecret the built-in mode's Secret
 * @param webhookService the webhook's Service, named by the built-in serving certificate
 */
@JsonNaming(PropertyNamingStrategies.UpperSnakeCaseStrategy.class)
public record ProcessSettings(
    String operatorNamespace,
    String configMapName,
    String watchNamespaces,
    Integer metricsPort,
    Boolean installCrds,
    Boolean leaderElection,
    String leaderElectionLease,
    String podName,
    String hostname,
    String logFormat,
    String logLevel,
    Boolean imageLookupWebhook,
    Integer webhookPort,
    String webhookCertificates,
    String webhookCertDir,
    String webhookConfiguration,
    String webhookSecret,
    String webhookService) {

  public static final String DEFAULT_LEASE_NAME = "imagestream-operator-leader";
  private static final Set<String> FORMATS = Set.of("text", "json");
  private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");
  private static final Set<String> CERTIFICATES = Set.of("builtin", "mounted");

  private static final ObjectMapper ENVIRONMENT = environmentMapper();

  public ProcessSettings {
    operatorNamespace = blankOr(operatorNamespace, "imagestream-operator");
    configMapName = blankOr(configMapName, ConfigSource.DEFAULT_NAME);
    watchNamespaces = blankOr(watchNamespaces, "");
    metricsPort = metricsPort == null ? 8080 : metricsPort;
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new Invalid("METRICS_PORT", metricsPort, "is not a port (0 to 65535)");
    }
    installCrds = installCrds != null && installCrds;
    leaderElection = leaderElection != null && leaderElection;
    leaderElectionLease = blankOr(leaderElectionLease, DEFAULT_LEASE_NAME);
    logFormat = blankOr(logFormat, "text");
    if (!FORMATS.contains(logFormat)) {
      throw new Invalid("LOG_FORMAT", logFormat, "is not a log format: use text or json");
    }
    logLevel = blankOr(logLevel, "info");
    if (!LEVELS.contains(logLevel.toLowerCase(Locale.ROOT))) {
      throw new Invalid(
          "LOG_LEVEL", logLevel, "is not a log level: use trace, debug, info, warn or error");
    }
    imageLookupWebhook = imageLookupWebhook != null && imageLookupWebhook;
    webhookPort = webhookPort == null ? 8443 : webhookPort;
    if (webhookPort < 1 || webhookPort > 65535) {
      throw new Invalid("WEBHOOK_PORT", webhookPort, "is not a port (1 to 65535)");
    }
    webhookCertificates = blankOr(webhookCertificates, "builtin");
    if (!CERTIFICATES.contains(webhookCertificates)) {
      throw new Invalid(
          "WEBHOOK_CERTIFICATES",
          webhookCertificates,
          "is not a certificate mode: use builtin or mounted");
    }
    webhookCertDir = blankOr(webhookCertDir, "/etc/imagestream-operator/webhook-tls");
    webhookConfiguration = blankOr(webhookConfiguration, WebhookSettings.DEFAULT_CONFIGURATION);
    webhookSecret = blankOr(webhookSecret, WebhookSettings.DEFAULT_SECRET);
    webhookService = blankOr(webhookService, WebhookSettings.DEFAULT_SERVICE);
  }

  /** The image lookup webhook as configured, or empty when it does not run. */
  public java.util.Optional<WebhookSettings> webhook() {
    if (!imageLookupWebhook) {
      return java.util.Optional.empty();
    }
    WebhookSettings.Certificates certificates =
        webhookCertificates.equals("mounted")
            ? new WebhookSettings.Mounted(
                java.nio.file.Path.of(webhookCertDir), java.time.Duration.ofSeconds(10))
            : WebhookSettings.BuiltIn.defaults(webhookSecret);
    return java.util.Optional.of(
        new WebhookSettings(
            "0.0.0.0",
            webhookPort,
            WebhookSettings.serviceHosts(webhookService, operatorNamespace),
            webhookConfiguration,
            certificates,
            java.time.Duration.ofSeconds(30),
            8));
  }

  /**
   * The settings of an environment.
   *
   * @param env the environment
   * @param serviceAccountNamespace the namespace of the pod's service account, if it has one
   * @throws InvalidSettingException naming the variable and its value
   */
  public static ProcessSettings from(Map<String, String> env, String serviceAccountNamespace)
      throws InvalidSettingException {
    Map<String, String> read = new HashMap<>(env);
    if (serviceAccountNamespace != null) {
      read.putIfAbsent("OPERATOR_NAMESPACE", serviceAccountNamespace);
    }
    try {
      return ENVIRONMENT.convertValue(read, ProcessSettings.class);
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(describe(e, env));
    }
  }

  /** The namespaces to watch; empty for all. */
  public Set<String> watchedNamespaces() {
    return Arrays.stream(watchNamespaces.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** This replica's identity in the Lease: {@code POD_NAME}, else the host name. */
  public String identity() {
    return podName != null ? podName : hostname != null ? hostname : "imagestream-operator";
  }

  /** A setting the process cannot run with; the message says which and why. */
  public static final class InvalidSettingException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidSettingException(String message) {
      super(message);
    }
  }

  /** A variable's value that breaks its rule. */
  private static final class Invalid extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Invalid(String variable, Object value, String problem) {
      super(variable + "=" + value + " " + problem);
    }
  }

  /** {@code NAME=value problem}: the variable as set, and what is wrong with it. */
  private static String describe(IllegalArgumentException e, Map<String, String> env) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ValueInstantiationException v && v.getCause() instanceof Invalid i) {
        return i.getMessage();
      }
      if (t instanceof InvalidFormatException f && !f.getPath().isEmpty()) {
        String variable = f.getPath().get(f.getPath().size() - 1).getFieldName();
        Class<?> type = f.getTargetType();
        return variable
            + "="
            + env.get(variable)
            + (type == Boolean.class ? " is not true or false" : " is not an integer");
      }
    }
    return "the environment cannot be read: " + e.getMessage();
  }

  private static String blankOr(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static ObjectMapper environmentMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.disable(
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // the rest of the environment
    // strings only: "true"/"false" for a switch ("yes" or "1" are errors), digits for a number
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull);
    return mapper;
  }
}
