package dev.imagestreams.benchmarks.flux;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;

/** Installs a CRD and waits until the API server serves it. */
final class Crds {
  private Crds() {}

  static void createAndAwaitEstablished(KubernetesClient admin, CustomResourceDefinition crd) {
    admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    admin
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .withName(crd.getMetadata().getName())
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getConditions() != null
                    && c.getStatus().getConditions().stream()
                        .anyMatch(
                            x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
            1,
            TimeUnit.MINUTES);
  }
}
