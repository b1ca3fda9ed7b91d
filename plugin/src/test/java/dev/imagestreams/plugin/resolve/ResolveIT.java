package dev.imagestreams.plugin.resolve;

import static dev.imagestreams.plugin.testing.StreamYaml.dockerImage;
import static dev.imagestreams.plugin.testing.StreamYaml.documents;
import static dev.imagestreams.plugin.testing.StreamYaml.stream;
import static dev.imagestreams.plugin.testing.StreamYaml.streamIn;
import static dev.imagestreams.plugin.testing.StreamYaml.streamTag;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve} against the real distribution registry, on plain HTTP. */
class ResolveIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static PushedImage app;
  private static PushedIndex multi;

  @TempDir Path dir;

  @BeforeAll
  static void push() {
    app = REGISTRY.pusher().pushOciImage("team/app", "1.0", Platform.LINUX_AMD64);
    multi = REGISTRY.pusher().pushOciIndex("team/multi", "1");
  }

  private Path streams(String yaml) throws Exception {
    Path file = dir.resolve("streams.yaml");
    Files.writeString(file, yaml.replace("REGISTRY", REGISTRY.host()));
    return file;
  }

  private ResolveRun resolve(Path file, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("resolve", "-f", file.toString(), "--insecure-registry", REGISTRY.host()));
    args.addAll(List.of(more));
    return ResolveRun.of(Map.of(), dir, args.toArray(String[]::new));
  }

  private static List<JsonNode> parsed(String yaml) throws Exception {
    return new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
  }

  @Test
  void printsTheStatusTheOperatorWouldWrite() throws Exception {
    Path file =
        streams(
            stream(
                "app",
                dockerImage("1.0", "REGISTRY/team/app:1.0"),
                dockerImage("multi", "REGISTRY/team/multi:1"),
                streamTag("latest", "1.0")));

    ResolveRun run = resolve(file, "-o", "yaml");

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    JsonNode status = parsed(run.out()).get(0).path("status");
    JsonNode tags = status.path("tags");
    assertThat(tags.get(0).path("tag").asText()).isEqualTo("1.0");
    assertThat(tags.get(0).path("items").get(0).path("image").asText()).isEqualTo(app.digest());
    assertThat(tags.get(0).path("items").get(0).path("dockerImageReference").asText())
        .isEqualTo(REGISTRY.host() + "/team/app@" + app.digest());
    assertThat(tags.get(0).path("observedSource").path("insecure").asBoolean())
        .as("the plain-HTTP registry was reached with the insecure access the resolve allowed")
        .isTrue();
    assertThat(tags.get(1).path("tag").asText()).isEqualTo("latest");
    assertThat(tags.get(1).path("items").get(0).path("image").asText()).isEqualTo(app.digest());
    // Legacy picks linux/amd64 of the index, as the operator does
    assertThat(tags.get(2).path("items").get(0).path("image").asText())
        .isEqualTo(multi.child(Platform.LINUX_AMD64).digest());
    assertThat(tags.get(2).path("sourceDigest").asText()).isEqualTo(multi.digest());
    assertThat(status.path("images").findValuesAsText("name")).contains(app.digest());
    assertThat(status.path("conditions").get(0).path("status").asText()).isEqualTo("True");
  }

  @Test
  void aTagOfAnotherStreamInTheInputResolvesLikeTheOperators() throws Exception {
    Path file =
        streams(
            documents(
                stream("app", streamTag("prod", "base:1.0")),
                stream("base", dockerImage("1.0", "REGISTRY/team/app:1.0"))));

    ResolveRun run = resolve(file);

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("app      prod   " + REGISTRY.host() + "/team/app@" + app.digest())
        .contains("base     1.0    " + REGISTRY.host() + "/team/app@" + app.digest());
  }

  @Test
  void aTagThatDoesNotExistFailsNamingTheTagAndWhy() throws Exception {
    Path file =
        streams(
            streamIn(
                "team",
                "app",
                dockerImage("good", "REGISTRY/team/app:1.0"),
                dockerImage("gone", "REGISTRY/team/app:2.0"),
                dockerImage("nothere", "REGISTRY/team/nothere:1")));

    ResolveRun run = resolve(file);

    assertThat(run.exit()).isEqualTo(ResolveCommand.UNRESOLVED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err().lines())
        .hasSize(2)
        .satisfiesExactly(
            line -> assertThat(line).startsWith("error: team/app:gone: NotFound: ").contains("2.0"),
            line ->
                assertThat(line)
                    .startsWith("error: team/app:nothere: NotFound: ")
                    .contains("team/nothere"));
  }

  @Test
  void anHttpOnlyRegistryNeedsInsecureRegistryAsInTheOperator() throws Exception {
    Path file = streams(stream("app", dockerImage("1.0", "REGISTRY/team/app:1.0")));

    ResolveRun run = ResolveRun.of(Map.of(), dir, "resolve", "-f", file.toString());

    assertThat(run.exit()).isEqualTo(ResolveCommand.UNRESOLVED);
    assertThat(run.err())
        .startsWith("error: app:1.0: BadRequest: ")
        .contains("requires the insecure flag");
  }

  @Test
  void readsStreamsFromStandardInput() throws Exception {
    String yaml = stream("app", dockerImage("1.0", REGISTRY.host() + "/team/app:1.0"));
    var stdin = System.in;
    try {
      System.setIn(new java.io.ByteArrayInputStream(yaml.getBytes()));
      ResolveRun run =
          ResolveRun.of(
              Map.of(), dir, "resolve", "-f", "-", "--insecure-registry", REGISTRY.host());
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains(app.digest());
    } finally {
      System.setIn(stdin);
    }
  }
}
