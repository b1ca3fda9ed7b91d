package dev.imagestreams.operator.credentials;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Pull Secrets as namespaces hold them: credentials of {@value #REGISTRY}, password s3cret. */
final class PullSecrets {
  static final String REGISTRY = "registry.example.com";

  private PullSecrets() {}

  /**
   * A pull Secret of {@code type} ({@link CredentialIndex#DOCKER_CONFIG_JSON} or {@link
   * CredentialIndex#DOCKER_CFG}) with the credentials of {@code user}.
   */
  static Secret secret(
      String namespace, String name, String uid, String version, String type, String user) {
    String auth = "{\"auth\":\"" + b64(user + ":s3cret") + "\"}";
    boolean legacy = CredentialIndex.DOCKER_CFG.equals(type);
    String content =
        legacy
            ? "{\"" + REGISTRY + "\":" + auth + "}"
            : "{\"auths\":{\"" + REGISTRY + "\":" + auth + "}}";
    return new SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .withResourceVersion(version)
        .endMetadata()
        .withType(type)
        .withData(Map.of(legacy ? ".dockercfg" : ".dockerconfigjson", b64(content)))
        .build();
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
