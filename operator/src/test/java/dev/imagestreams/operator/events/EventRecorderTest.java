package dev.imagestreams.operator.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.engine.testing.LogCapture;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRecorderTest {
  @Test
  void closingWhileAnEventIsBeingWrittenIsQuietAndSaysWhatWasDropped() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocket apiServer = new ServerSocket(0)) {
      // an API server that takes the connection and never answers: the write is in flight
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket s = apiServer.accept();
                    synchronized (accepted) {
                      accepted.add(s);
                    }
                  }
                } catch (Exception e) {
                  // the server socket closed
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder()
                      .withMasterUrl("http://127.0.0.1:" + apiServer.getLocalPort())
                      .withRequestTimeout(60_000)
                      .withRequestRetryBackoffLimit(0)
                      .build())
              .build();
      try (LogCapture log = LogCapture.of(EventRecorder.class)) {
        EventRecorder recorder = new EventRecorder(client, Clock.systemUTC());
        var stream = Streams.stream("team", "app").build();
        recorder.warning(stream, "Test", "one");
        recorder.warning(stream, "Test", "two");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> {
                  synchronized (accepted) {
                    return !accepted.isEmpty();
                  }
                });

        recorder.close(); // returns once the write in flight has ended

        assertThat(log.messages("INFO"))
            .contains("stopped: 1 Events waiting to be written were dropped");
        assertThat(log.messages("WARN")).as("the write cut short is not a warning").isEmpty();
      } finally {
        client.close();
        synchronized (accepted) {
          for (Socket s : accepted) {
            s.close();
          }
        }
      }
    }
  }
}
