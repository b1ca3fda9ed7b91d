package dev.imagestreams.testinfra;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;
import java.util.List;

/**
 * A Kubernetes API server for tests: a real kube-apiserver with etcd ({@link RealApiServer},
 * wherever {@code test-infra/build.sh} has built it, and always in CI) or fabric8's mock in CRUD
 * mode ({@link MockApiServer}, for the scenarios that must also run without those binaries).
 * Scenarios are written once against this interface and run on both.
 */
public interface ApiServer extends AutoCloseable {
  /** A client for the operator, counting its writes. */
  KubernetesClient client();

  /** Another client, for the test's own requests (not counted). */
  KubernetesClient testClient();

  /** Counts the operator's requests. */
  RequestCounter requests();

  /** Requests of the operator the server refused for lack of permission (the mock has no RBAC). */
  default List<String> deniedRequests() {
    return List.of();
  }

  @Override
  void close();

  /** Creates the generated ImageStream CRD. */
  static void installCrd(KubernetesClient client) {
    try (InputStream crd =
        ApiServer.class.getResourceAsStream(
            "/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      if (crd == null) {
        throw new IllegalStateException(
            "the generated CRD is not on the classpath (build the api module)");
      }
      CustomResourceDefinition definition =
          client.apiextensions().v1().customResourceDefinitions().load(crd).item();
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(definition)
          .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
