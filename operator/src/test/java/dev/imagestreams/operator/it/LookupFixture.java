package dev.imagestreams.operator.it;

import dev.imagestreams.operator.lookup.WebhookSettings;
import dev.imagestreams.testinfra.RealApiServer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The image lookup webhook as the tests run it on the real API server: deploy/image-lookup.yaml's
 * MutatingWebhookConfiguration with the Service replaced by a loopback URL, and the operator's
 * webhook settings for it (built-in certificates for 127.0.0.1).
 */
public final class LookupFixture {
  private LookupFixture() {}

  /** The objects of deploy/image-lookup.yaml. */
  public static List<HasMetadata> deployObjects() {
    try {
      String yaml = Files.readString(RealApiServer.deployDir().resolve("image-lookup.yaml"));
      return Arrays.stream(yaml.split("(?m)^---\\s*$"))
          .filter(doc -> doc.lines().anyMatch(l -> l.startsWith("kind:")))
          .map(doc -> (HasMetadata) Serialization.unmarshal(doc))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** deploy/'s webhook configuration, calling {@code https://127.0.0.1:PORT/image-lookup}. */
  public static MutatingWebhookConfiguration configuration(int port) {
    MutatingWebhookConfiguration c =
        deployObjects().stream()
            .filter(MutatingWebhookConfiguration.class::isInstance)
            .map(MutatingWebhookConfiguration.class::cast)
            .findFirst()
            .orElseThrow();
    for (MutatingWebhook w : c.getWebhooks()) {
      w.setClientConfig(
          new WebhookClientConfigBuilder()
              .withUrl("https://127.0.0.1:" + port + WebhookSettings.PATH)
              .build());
    }
    return c;
  }

  /** Installs (or replaces) the configuration. */
  public static void install(KubernetesClient admin, int port) {
    admin.resource(configuration(port)).forceConflicts().serverSideApply();
  }

  /** Webhook settings for a loopback port and the built-in certificates. */
  public static WebhookSettings settings(int port, WebhookSettings.Certificates certificates) {
    return new WebhookSettings(
        "127.0.0.1",
        port,
        List.of("127.0.0.1", "localhost"),
        WebhookSettings.DEFAULT_CONFIGURATION,
        certificates,
        Duration.ofSeconds(2),
        4);
  }

  public static WebhookSettings.BuiltIn builtIn() {
    return new WebhookSettings.BuiltIn(
        WebhookSettings.DEFAULT_SECRET,
        Duration.ofHours(1),
        Duration.ofHours(1),
        Duration.ofSeconds(1),
        Duration.ofMillis(500));
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The namespaces a webhook's selector sends, as the live configuration says. */
  public static List<String> namespaces(KubernetesClient admin, String webhook) {
    MutatingWebhookConfiguration c =
        admin
            .admissionRegistration()
            .v1()
            .mutatingWebhookConfigurations()
            .withName(WebhookSettings.DEFAULT_CONFIGURATION)
            .get();
    return c.getWebhooks().stream()
        .filter(w -> w.getName().equals(webhook))
        .flatMap(w -> w.getNamespaceSelector().getMatchExpressions().stream())
        .filter(r -> r.getOperator().equals("In"))
        .map(LabelSelectorRequirement::getValues)
        .findFirst()
        .orElse(List.of());
  }
}
