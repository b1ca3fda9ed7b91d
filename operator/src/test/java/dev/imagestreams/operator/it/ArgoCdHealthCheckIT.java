package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Argo CD health check of ImageStreams (deploy/argocd/image.openshift.io/ImageStream), run by
 * gopher-lua as Argo CD runs it: on every fixture of its {@code health_test.yaml}, in the form Argo
 * CD's own resource customizations test theirs, and on streams the operator imported, and failed to
 * import, on a real API server.
 */
@Tag("kube-api")
@RequiresBuilt({BuiltBinary.KUBE_CONTROL_PLANE, BuiltBinary.ARGOCD_LUA})
class ArgoCdHealthCheckIT extends OperatorTestBase {
  static final Path CHECK =
      RealApiServer.deployDir().resolve("argocd/image.openshift.io/ImageStream");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  /** The health Argo CD gives the object: {@code status} and {@code message}. */
  static JsonNode health(JsonNode object) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                BuiltBinary.ARGOCD_LUA.path().toString(), CHECK.resolve("health.lua").toString())
            .start();
    p.getOutputStream().write(JSON.writeValueAsBytes(object));
    p.getOutputStream().close();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(err).isZero();
    return JSON.readTree(p.getInputStream().readAllBytes());
  }

  static Stream<JsonNode> fixtures() throws IOException {
    List<JsonNode> tests = new ArrayList<>();
    YAML.readTree(CHECK.resolve("health_test.yaml").toFile()).path("tests").forEach(tests::add);
    return tests.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyFixtureHasTheHealthItsTestSays(JsonNode test) throws Exception {
    JsonNode object = YAML.readTree(CHECK.resolve(test.path("inputPath").asText()).toFile());

    JsonNode health = health(object);

    assertThat(health.path("status").asText())
        .isEqualTo(test.path("healthStatus").path("status").asText());
    assertThat(health.path("message").asText())
        .isEqualTo(test.path("healthStatus").path("message").asText());
  }

  @Test
  void everyFixtureIsInTheTestAndEveryTestHasAFixture() throws IOException {
    List<String> named = fixtures().map(t -> t.path("inputPath").asText()).toList();
    try (Stream<Path> files = Files.list(CHECK.resolve("testdata"))) {
      assertThat(files.map(f -> "testdata/" + f.getFileName()))
          .containsExactlyInAnyOrderElementsOf(named);
    }
  }

  @Test
  void aStreamTheOperatorImportedIsHealthyAndOneThatFailedIsDegraded() throws Exception {
    REGISTRY.pusher().pushOciImage("argo/app", "1", Platform.LINUX_AMD64, 1);
    create(Streams.stream(ns, "good").dockerImage("1", repo("argo/app:1")).forCreate());
    create(Streams.stream(ns, "bad").dockerImage("1", repo("argo/missing:1")).forCreate());
    awaitReady("good");
    awaitStatus("bad", s -> ready(s).map(c -> "False".equals(c.getStatus())).orElse(false));

    assertThat(health(live("good")).path("status").asText()).isEqualTo("Healthy");
    JsonNode bad = health(live("bad"));
    assertThat(bad.path("status").asText())
        .as("Argo CD, without this check, would show it Healthy")
        .isEqualTo("Degraded");
    assertThat(bad.path("message").asText()).startsWith("ImportFailed: 1 of 1 tags failed");
  }

  private JsonNode live(String name) throws IOException {
    return JSON.readTree(Serialization.asJson(get(name)));
  }
}
