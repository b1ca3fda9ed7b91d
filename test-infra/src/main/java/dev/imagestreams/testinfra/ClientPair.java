package dev.imagestreams.testinfra;

import io.fabric8.kubernetes.client.KubernetesClient;

/** What both API server backends share: a counted client for the operator and one for the test. */
abstract class ClientPair implements ApiServer {
  private final RequestCounter counter = new RequestCounter();
  private KubernetesClient client;
  private KubernetesClient testClient;

  /** Sets the clients once the server runs; the operator's counts its requests. */
  protected void clients(
      java.util.function.Function<RequestCounter, KubernetesClient> operatorClient,
      KubernetesClient test) {
    this.client = operatorClient.apply(counter);
    this.testClient = test;
    ApiServer.installCrd(testClient);
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  @Override
  public KubernetesClient testClient() {
    return testClient;
  }

  @Override
  public RequestCounter requests() {
    return counter;
  }

  /** Closes both clients. */
  protected void closeClients() {
    client.close();
    testClient.close();
  }
}
