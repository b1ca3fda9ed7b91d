package dev.imagestreams.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.InputStream;

/**
 * A Kubernetes API server for tests: fabric8's mock in CRUD mode (everywhere) or a real
 * kube-apiserver with etcd from kube-api-test (where its binaries exist). Scenarios are written once
 * against this interface and run on both.
 */
public interface ApiServer extends AutoCloseable {
  /** A client for the operator, counting its writes. */
  KubernetesClient client();

  /** Another client, for the test's own requests (not counted). */
  KubernetesClient testClient();

  /** Counts the operator's requests. */
  RequestCounter requests();

  /** Whether the server supports server-side apply (the mock does not). */
  boolean serverSideApply();

  @Override
  void close();

  /** Creates the generated ImageStream CRD. */
  static void installCrd(KubernetesClient client) {
    try (InputStream crd =
        ApiServer.class.getResourceAsStream("/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      if (crd == null) {
        throw new IllegalStateException("the generated CRD is not on the classpath (build the api module)");
      }
      CustomResourceDefinition definition = client.apiextensions().v1().customResourceDefinitions().load(crd).item();
      client.apiextensions().v1().customResourceDefinitions().resource(definition)
          .createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
