package dev.imagestreams.operator.lookup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code tls.crt} and {@code tls.key} from a directory (cert-manager's Secret, mounted): read at
 * start, then re-read when either file changes (the kubelet swaps a mounted Secret's files at once,
 * so a pair is always read whole, and a pair whose key does not match is not served).
 */
final class MountedCertificates implements CertificateSource {
  private static final Logger LOG = LoggerFactory.getLogger(MountedCertificates.class);

  private final WebhookSettings.Mounted settings;
  private final ReloadingKeyManager keys;
  private final ScheduledExecutorService loop;
  private volatile String loaded;

  MountedCertificates(WebhookSettings.Mounted settings, ReloadingKeyManager keys) {
    this.settings = settings;
    this.keys = keys;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "image-lookup-certificates");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public void start() {
    try {
      read();
    } catch (IOException e) {
      throw new IllegalStateException(
          "the image lookup webhook's certificate in "
              + settings.directory()
              + " cannot be read: "
              + e.getMessage(),
          e);
    }
    long poll = settings.poll().toMillis();
    loop.scheduleWithFixedDelay(
        () -> {
          try {
            read();
          } catch (IOException | RuntimeException e) {
            LOG.warn(
                "the image lookup webhook keeps its certificate: {} cannot be read: {}",
                settings.directory(),
                e.getMessage());
          }
        },
        poll,
        poll,
        TimeUnit.MILLISECONDS);
  }

  private void read() throws IOException {
    Path dir = settings.directory();
    String crt = Files.readString(dir.resolve("tls.crt"));
    String key = Files.readString(dir.resolve("tls.key"));
    String both = crt + key;
    if (both.equals(loaded)) {
      return;
    }
    ServingCertificate c = ServingCertificate.fromPem(crt, key);
    if (!c.leaf().getPublicKey().getAlgorithm().equals(c.key().getAlgorithm())) {
      throw new IOException("tls.key is not the key of tls.crt");
    }
    keys.load(c);
    if (loaded != null) {
      LOG.info("image lookup: serving the renewed certificate of {}", dir);
    }
    loaded = both;
  }

  @Override
  public String caBundle() {
    return null;
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
