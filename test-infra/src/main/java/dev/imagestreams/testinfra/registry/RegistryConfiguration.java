package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The configuration file of a {@link DistributionRegistry} process: log level (access log off),
 * filesystem storage with deletes, the address, TLS when given, and the authentication.
 */
final class RegistryConfiguration {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryConfiguration() {}

  /** The YAML document, TLS left out when {@code tls} is {@code null}. */
  static String yaml(
      String logLevel, Path storage, int port, TestCertificates.TlsMaterial tls, String authYaml) {
    return "version: 0.1\n"
        + "log:\n"
        + "  level: "
        + quote(logLevel)
        + "\n"
        + "  accesslog:\n"
        + "    disabled: true\n"
        + "storage:\n"
        + "  filesystem:\n"
        + "    rootdirectory: "
        + quote(storage.toString())
        + "\n"
        + "  delete:\n"
        + "    enabled: true\n"
        + "  maintenance:\n"
        + "    uploadpurging:\n"
        + "      enabled: false\n"
        + "http:\n"
        + "  addr: "
        + quote("127.0.0.1:" + port)
        + "\n"
        + (tls == null
            ? ""
            : "  tls:\n"
                + "    certificate: "
                + quote(tls.certificateFile().toAbsolutePath().toString())
                + "\n"
                + "    key: "
                + quote(tls.keyFile().toAbsolutePath().toString())
                + "\n")
        + authYaml;
  }

  /** A JSON string literal is a valid YAML double-quoted scalar. */
  static String quote(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** How the registry authenticates clients: its {@code auth} section. */
  sealed interface Auth permits NoAuth, HtpasswdAuth, TokenAuth {
    String yaml(Path workDirectory);
  }

  /** Anonymous access: no {@code auth} section. */
  record NoAuth() implements Auth {
    @Override
    public String yaml(Path workDirectory) {
      return "";
    }
  }

  /** Basic credentials from an htpasswd file; {@code null}: one for the default credentials. */
  record HtpasswdAuth(Path file) implements Auth {
    @Override
    public String yaml(Path workDirectory) {
      Path path =
          file != null
              ? file.toAbsolutePath()
              : Htpasswd.write(workDirectory.resolve("htpasswd"), List.of(Credentials.DEFAULT));
      return "auth:\n"
          + "  htpasswd:\n"
          + "    realm: "
          + quote("imagestream-test-registry")
          + "\n"
          + "    path: "
          + quote(path.toString())
          + "\n";
    }
  }

  /** Bearer tokens of a token server. */
  record TokenAuth(URI realm, String service, String issuer, Path rootCertificatePem)
      implements Auth {
    @Override
    public String yaml(Path workDirectory) {
      return "auth:\n"
          + "  token:\n"
          + "    realm: "
          + quote(realm.toString())
          + "\n"
          + "    service: "
          + quote(service)
          + "\n"
          + "    issuer: "
          + quote(issuer)
          + "\n"
          + "    rootcertbundle: "
          + quote(rootCertificatePem.toAbsolutePath().toString())
          + "\n";
    }
  }
}
