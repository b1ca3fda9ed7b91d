package dev.imagestreams.operator.lookup;

/** Where the webhook's serving certificate comes from; it loads it into the key manager. */
interface CertificateSource extends AutoCloseable {
  /** Loads the certificate (blocking, until it is served) and keeps it current. */
  void start();

  /** The CA bundle (PEM) the operator publishes, or null when another component does. */
  String caBundle();

  @Override
  void close();
}
