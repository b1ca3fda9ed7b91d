package dev.imagestreams.operator.lookup;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in certificate mode: a CA and a serving certificate in a Secret of the operator's
 * namespace ({@code ca.crt}: the bundle, newest first; {@code ca.key}; {@code tls.crt}; {@code
 * tls.key}). The Secret is the one source every replica serves from: the first replica to start
 * creates it (create-if-absent: a replica that loses the race reads the winner's), every replica
 * watches it and serves its certificate from the next handshake on, and only the leader renews it
 * ({@link CertificatePlan}, one step per turn, each an update that fails on a concurrent change).
 */
final class BuiltInCertificates implements CertificateSource {
  private static final Logger LOG = LoggerFactory.getLogger(BuiltInCertificates.class);
  static final String CA_CRT = "ca.crt";
  static final String CA_KEY = "ca.key";
  static final String TLS_CRT = "tls.crt";
  static final String TLS_KEY = "tls.key";

  private final KubernetesClient client;
  private final String namespace;
  private final WebhookSettings.BuiltIn settings;
  private final List<String> hosts;
  private final Clock clock;
  private final ReloadingKeyManager keys;
  private final BooleanSupplier leading;
  private final Runnable bundleChanged;
  private final ScheduledExecutorService loop;
  private SharedIndexInformer<Secret> informer;
  private volatile String caBundle;

  BuiltInCertificates(
      KubernetesClient client,
      String namespace,
      WebhookSettings.BuiltIn settings,
      List<String> hosts,
      Clock clock,
      ReloadingKeyManager keys,
      BooleanSupplier leading,
      Runnable bundleChanged) {
    this.client = client;
    this.namespace = namespace;
    this.settings = settings;
    this.hosts = hosts;
    this.clock = clock;
    this.keys = keys;
    this.leading = leading;
    this.bundleChanged = bundleChanged;
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
    Secret secret = secrets().withName(settings.secretName()).get();
    if (secret == null) {
      secret = createIfAbsent();
    }
    load(secret);
    informer =
        secrets()
            .withName(settings.secretName())
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Secret s) {
                    load(s);
                  }

                  @Override
                  public void onUpdate(Secret old, Secret now) {
                    load(now);
                  }

                  @Override
                  public void onDelete(Secret s, boolean unknown) {
                    BuiltInCertificates.this.soon();
                  }
                });
    loop.scheduleWithFixedDelay(this::turn, 0, settings.check().toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String caBundle() {
    return caBundle;
  }

  /** The leader's turn: one renewal step if one is due. */
  void turn() {
    if (!leading.getAsBoolean()) {
      return;
    }
    try {
      Secret secret = secrets().withName(settings.secretName()).get();
      if (secret == null) {
        load(createIfAbsent());
        return;
      }
      Material m = Material.of(secret);
      CertificatePlan.Plan plan =
          CertificatePlan.plan(Optional.of(m.stored()), clock.instant(), lifetimes());
      if (plan.step() == CertificatePlan.Step.NONE) {
        return;
      }
      Map<String, String> next = apply(plan.step(), m);
      Secret updated =
          secrets()
              .resource(
                  new SecretBuilder(secret)
                      .withData(null)
                      .withStringData(null)
                      .withData(encode(next))
                      .build())
              .update();
      LOG.info(
          "image lookup certificates: {} (Secret {}/{})",
          describe(plan.step()),
          namespace,
          settings.secretName());
      load(updated);
    } catch (KubernetesClientException e) {
      LOG.warn(
          "cannot renew the image lookup webhook's certificate in Secret {}/{}: {}",
          namespace,
          settings.secretName(),
          e.getMessage());
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.error(
          "the image lookup webhook's Secret {}/{} cannot be read: {}; it is made anew",
          namespace,
          settings.secretName(),
          e.getMessage());
      try {
        Secret secret = secrets().withName(settings.secretName()).get();
        if (secret != null) {
          secrets().resource(new SecretBuilder(secret).withData(encode(fresh())).build()).update();
        }
      } catch (KubernetesClientException again) {
        LOG.warn(
            "cannot replace Secret {}/{}: {}",
            namespace,
            settings.secretName(),
            again.getMessage());
      }
    }
  }

  private Secret createIfAbsent() {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(settings.secretName())
            .withNamespace(namespace)
            .addToLabels("app.kubernetes.io/name", "imagestream-operator")
            .addToLabels("app.kubernetes.io/component", "image-lookup")
            .endMetadata()
            .withType("kubernetes.io/tls")
            .withData(encode(fresh()))
            .build();
    try {
      Secret created = secrets().resource(secret).create();
      LOG.info(
          "image lookup certificates: made a CA and a serving certificate (Secret {}/{})",
          namespace,
          settings.secretName());
      return created;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return secrets().withName(settings.secretName()).get(); // another replica's
      }
      throw e;
    }
  }

  private Map<String, String> fresh() {
    Instant now = clock.instant();
    CertificateAuthority.Issuer ca =
        CertificateAuthority.newCa(
            "imagestream-operator image lookup", now, now.plus(settings.ca()));
    ServingCertificate serving =
        CertificateAuthority.issue(ca, hosts, now, now.plus(settings.serving()));
    Map<String, String> out = new LinkedHashMap<>();
    out.put(CA_CRT, ServingCertificate.pem(ca.certificate()));
    out.put(CA_KEY, ServingCertificate.pem(ca.key()));
    out.put(TLS_CRT, ServingCertificate.pem(serving.leaf()));
    out.put(TLS_KEY, ServingCertificate.pem(serving.key()));
    return out;
  }

  private Map<String, String> apply(CertificatePlan.Step step, Material m) {
    Instant now = clock.instant();
    Map<String, String> out = new LinkedHashMap<>(m.data());
    switch (step) {
      case CREATE -> out = fresh();
      case ADD_CA -> {
        CertificateAuthority.Issuer ca =
            CertificateAuthority.newCa(
                "imagestream-operator image lookup", now, now.plus(settings.ca()));
        List<Object> bundle = new ArrayList<>();
        bundle.add(ca.certificate());
        m.cas().stream().filter(c -> c.getNotAfter().toInstant().isAfter(now)).forEach(bundle::add);
        out.put(CA_CRT, ServingCertificate.pem(bundle.toArray()));
        out.put(CA_KEY, ServingCertificate.pem(ca.key()));
      }
      case ISSUE -> {
        ServingCertificate serving =
            CertificateAuthority.issue(m.issuer(), hosts, now, now.plus(settings.serving()));
        out.put(TLS_CRT, ServingCertificate.pem(serving.leaf()));
        out.put(TLS_KEY, ServingCertificate.pem(serving.key()));
      }
      case DROP_OLD_CAS -> out.put(CA_CRT, ServingCertificate.pem(m.cas().get(0)));
      case NONE -> {}
    }
    return out;
  }

  private static String describe(CertificatePlan.Step step) {
    return switch (step) {
      case CREATE -> "made a new CA and serving certificate";
      case ADD_CA -> "added a new CA to the bundle; it signs once the API server trusts it";
      case ISSUE -> "issued a new serving certificate";
      case DROP_OLD_CAS -> "dropped the old CA from the bundle";
      case NONE -> "nothing to do";
    };
  }

  private CertificatePlan.Lifetimes lifetimes() {
    return new CertificatePlan.Lifetimes(settings.ca(), settings.serving(), settings.grace());
  }

  private synchronized void load(Secret secret) {
    if (secret == null) {
      return;
    }
    try {
      Material m = Material.of(secret);
      keys.load(m.serving());
      String bundle = m.data().get(CA_CRT);
      if (!bundle.equals(caBundle)) {
        caBundle = bundle;
        bundleChanged.run();
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      LOG.error(
          "the image lookup webhook's Secret {}/{} cannot be read: {}",
          namespace,
          settings.secretName(),
          e.getMessage());
      soon();
    }
  }

  /** The leader's turn soon, unless closing. */
  private void soon() {
    try {
      if (!loop.isShutdown()) {
        loop.execute(this::turn);
      }
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          Secret,
          io.fabric8.kubernetes.api.model.SecretList,
          io.fabric8.kubernetes.client.dsl.Resource<Secret>>
      secrets() {
    return client.secrets().inNamespace(namespace);
  }

  private static Map<String, String> encode(Map<String, String> data) {
    Map<String, String> out = new LinkedHashMap<>();
    data.forEach(
        (k, v) ->
            out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return out;
  }

  /** The Secret's contents, decoded. */
  record Material(
      Map<String, String> data,
      List<X509Certificate> cas,
      ServingCertificate serving,
      CertificateAuthority.Issuer issuer) {
    static Material of(Secret secret) throws IOException, GeneralSecurityException {
      Map<String, String> data = new LinkedHashMap<>();
      for (String key : List.of(CA_CRT, CA_KEY, TLS_CRT, TLS_KEY)) {
        String v = secret.getData() == null ? null : secret.getData().get(key);
        if (v == null) {
          throw new IOException("it has no " + key);
        }
        data.put(key, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
      }
      List<X509Certificate> cas = ServingCertificate.certificates(data.get(CA_CRT));
      if (cas.isEmpty()) {
        throw new IOException("ca.crt holds no certificate");
      }
      ServingCertificate serving = ServingCertificate.fromPem(data.get(TLS_CRT), data.get(TLS_KEY));
      return new Material(
          data,
          cas,
          serving,
          new CertificateAuthority.Issuer(
              cas.get(0), ServingCertificate.privateKey(data.get(CA_KEY))));
    }

    CertificatePlan.Stored stored() {
      List<CertificatePlan.Validity> validities = new ArrayList<>();
      cas.forEach(c -> validities.add(validity(c)));
      return new CertificatePlan.Stored(
          validities, validity(serving.leaf()), signedBy(serving.leaf(), cas.get(0)));
    }

    private static CertificatePlan.Validity validity(X509Certificate c) {
      return new CertificatePlan.Validity(
          c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }

    private static boolean signedBy(X509Certificate leaf, X509Certificate ca) {
      try {
        leaf.verify(ca.getPublicKey());
        return true;
      } catch (GeneralSecurityException e) {
        return false;
      }
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    if (informer != null) {
      informer.close();
    }
  }

  /** For tests: runs the leader's turn now. */
  Duration check() {
    return settings.check();
  }
}
