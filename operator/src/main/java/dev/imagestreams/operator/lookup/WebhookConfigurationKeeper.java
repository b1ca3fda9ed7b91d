package dev.imagestreams.operator.lookup;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the operator's part of its MutatingWebhookConfiguration ({@link WebhookConfiguration}) as
 * it should be, from the leader only: after a change of the streams (debounced), of the
 * configuration or of the CA bundle, when the object itself changes (an install that reset it), and
 * every {@code resync}. It watches that one object by name, and writes it with a server-side apply
 * of those fields only. A configuration that is not installed is said once, not created.
 */
final class WebhookConfigurationKeeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookConfigurationKeeper.class);
  static final String FIELD_MANAGER = "imagestream-operator";
  private static final Duration DEBOUNCE = Duration.ofMillis(100);

  private final KubernetesClient client;
  private final String name;
  private final Supplier<WebhookConfiguration> desired;
  private final BooleanSupplier leading;
  private final ScheduledExecutorService loop;
  private final AtomicBoolean pending = new AtomicBoolean();
  private final AtomicBoolean missingSaid = new AtomicBoolean();
  private SharedIndexInformer<MutatingWebhookConfiguration> informer;
  private volatile WebhookConfiguration applied;

  /**
   * @param desired what the configuration should say now, or null while that is not known yet
   *     (caches not synced, no certificate yet)
   */
  WebhookConfigurationKeeper(
      KubernetesClient client,
      String name,
      Supplier<WebhookConfiguration> desired,
      BooleanSupplier leading) {
    this.client = client;
    this.name = name;
    this.desired = desired;
    this.leading = leading;
    this.loop =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "image-lookup-configuration");
              t.setDaemon(true);
              return t;
            });
  }

  void start(Duration resync) {
    informer =
        client
            .admissionRegistration()
            .v1()
            .mutatingWebhookConfigurations()
            .withName(name)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(MutatingWebhookConfiguration obj) {
                    request();
                  }

                  @Override
                  public void onUpdate(
                      MutatingWebhookConfiguration old, MutatingWebhookConfiguration now) {
                    request();
                  }

                  @Override
                  public void onDelete(MutatingWebhookConfiguration obj, boolean unknown) {}
                });
    loop.scheduleWithFixedDelay(
        this::request, resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    request();
  }

  /** Compares and applies soon (requests within {@value #DEBOUNCE} make one). */
  void request() {
    if (!loop.isShutdown() && pending.compareAndSet(false, true)) {
      try {
        loop.schedule(this::sync, DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closing: nothing more to keep
      }
    }
  }

  /** What was applied last (or found already so), for tests. */
  WebhookConfiguration applied() {
    return applied;
  }

  private void sync() {
    pending.set(false);
    if (!leading.getAsBoolean()) {
      return;
    }
    WebhookConfiguration want = desired.get();
    if (want == null) {
      return;
    }
    try {
      MutatingWebhookConfiguration live =
          informer == null ? null : informer.getStore().getByKey(name);
      if (live == null) {
        live =
            client
                .admissionRegistration()
                .v1()
                .mutatingWebhookConfigurations()
                .withName(name)
                .get();
      }
      if (live == null) {
        if (missingSaid.compareAndSet(false, true)) {
          LOG.warn(
              "the MutatingWebhookConfiguration {} is not installed: the API server sends no"
                  + " object to the image lookup webhook (install it from deploy/ or the chart)",
              name);
        }
        return;
      }
      missingSaid.set(false);
      if (want.matches(live)) {
        applied = want;
        return;
      }
      client
          .admissionRegistration()
          .v1()
          .mutatingWebhookConfigurations()
          .withName(name)
          .patch(
              new PatchContext.Builder()
                  .withPatchType(PatchType.SERVER_SIDE_APPLY)
                  .withFieldManager(FIELD_MANAGER)
                  .withForce(true)
                  .build(),
              AdmissionReviews.JSON.writeValueAsString(want.applyDocument(name, live)));
      applied = want;
      LOG.info(
          "image lookup: {} namespace(s) resolve local names, {} may ask with resolve-names",
          want.namespaces().localNames().size(),
          want.namespaces().anyStream().size());
    } catch (KubernetesClientException | JsonProcessingException e) {
      LOG.warn("cannot update the MutatingWebhookConfiguration {}: {}", name, e.getMessage());
      if (!loop.isShutdown()) {
        loop.schedule(this::request, 5, TimeUnit.SECONDS);
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
}
