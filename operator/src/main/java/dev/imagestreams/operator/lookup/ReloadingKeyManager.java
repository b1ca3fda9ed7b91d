package dev.imagestreams.operator.lookup;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The serving key and certificate of the webhook, replaced while the server runs: each TLS
 * handshake takes the material current at that moment, so a renewed certificate is served from the
 * next connection on, without a restart and without failing a handshake in flight.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "serving";

  private volatile ServingCertificate current;

  /** Serves {@code next} from the next handshake on. */
  void load(ServingCertificate next) {
    current = next;
  }

  /** The material served now, or null before the first {@link #load}. */
  ServingCertificate current() {
    return current;
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  private String alias(String keyType) {
    ServingCertificate c = current;
    return c != null && c.key().getAlgorithm().equals(keyType) ? ALIAS : null;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServingCertificate c = current;
    return c == null ? null : c.chain().toArray(X509Certificate[]::new);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServingCertificate c = current;
    return c == null ? null : c.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String alias = alias(keyType);
    return alias == null ? null : new String[] {alias};
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
