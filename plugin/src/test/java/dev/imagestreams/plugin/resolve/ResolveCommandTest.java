package dev.imagestreams.plugin.resolve;

import static dev.imagestreams.plugin.testing.StreamYaml.documents;
import static dev.imagestreams.plugin.testing.StreamYaml.stream;
import static dev.imagestreams.plugin.testing.StreamYaml.streamIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling and output of {@code resolve}, on streams that need no registry. */
class ResolveCommandTest {
  /** Reference-only tags: recorded as written, no registry is contacted. */
  private static final String STREAMS =
      documents(
          stream(
              "base",
              "{name: \"1\", reference: true, from: {kind: DockerImage, name: \"quay.io/team/base:1\"}}"),
          streamIn(
              "default",
              "app",
              "{name: latest, reference: true, from: {kind: DockerImage, name: \"quay.io/team/app:2\"}}"));

  /** A tag of another namespace's stream that does not grant it. */
  private static final String UNGRANTED =
      documents(
          STREAMS,
          streamIn(
              "team",
              "app",
              "{name: latest, from: {kind: ImageStreamTag, name: \"base:1\", namespace: default}}"));

  @TempDir Path dir;

  private ResolveRun run(String... args) {
    return ResolveRun.of(Map.of(), dir, args);
  }

  private Path file(String name, String content) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }

  @Test
  void printsATableOfTagsByDefault() throws Exception {
    Path streams = file("streams.yaml", STREAMS);

    ResolveRun run = run("resolve", "-f", streams.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            STREAM        TAG      IMAGE
            base          1        quay.io/team/base:1
            default/app   latest   quay.io/team/app:2
            """);
  }

  @Test
  void printsTheStreamsWithTheirStatusAsYamlOrJson() throws Exception {
    Path streams = file("streams.yaml", STREAMS);

    ResolveRun yaml = run("resolve", "-f", streams.toString(), "-o", "yaml");
    ResolveRun json = run("resolve", "-f", streams.toString(), "--output=JSON");

    List<JsonNode> documents =
        new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(yaml.out()).readAll();
    assertThat(documents).hasSize(2);
    JsonNode app = documents.get(1);
    assertThat(app.path("metadata").path("name").asText()).isEqualTo("app");
    assertThat(
            app.path("status")
                .path("tags")
                .get(0)
                .path("items")
                .get(0)
                .path("dockerImageReference")
                .asText())
        .isEqualTo("quay.io/team/app:2");
    assertThat(app.path("status").path("conditions").get(0).path("type").asText())
        .isEqualTo("Ready");
    assertThat(documents.get(0).path("metadata").has("namespace")).isFalse();

    JsonNode list = new ObjectMapper().readTree(json.out());
    assertThat(list.path("kind").asText()).isEqualTo("List");
    assertThat(list.path("items")).hasSize(2);
    assertThat(list.path("items").get(1).path("metadata")).isEqualTo(app.path("metadata"));
    assertThat(list.path("items").get(1).path("status").path("tagsSummary").asText())
        .isEqualTo("latest");
  }

  @Test
  void readsDirectoriesAndStandardInput() throws Exception {
    Path streams = dir.resolve("streams");
    Files.createDirectories(streams);
    Files.writeString(streams.resolve("a.yaml"), STREAMS.substring(0, STREAMS.indexOf("---")));
    Files.writeString(streams.resolve("notes.txt"), "not a manifest");

    ResolveRun run = run("resolve", "-f", streams.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("base     1     quay.io/team/base:1");
  }

  @Test
  void failsWithOneLinePerUnresolvedTagAndExitOne() throws Exception {
    Path streams = file("streams.yaml", UNGRANTED);

    ResolveRun run = run("resolve", "-f", streams.toString());

    assertThat(run.exit()).isEqualTo(ResolveCommand.UNRESOLVED);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith(
            "error: team/app:latest: Forbidden: ImageStream default/base does not allow"
                + " references from namespace team: ")
        .endsWith("\n")
        .hasLineCount(1);
  }

  @Test
  void badInputIsOneLineAndExitTwoWithoutAStackTraceUnlessVerbose() throws Exception {
    ResolveRun missing = run("resolve", "-f", dir.resolve("nope.yaml").toString());
    ResolveRun format = run("resolve", "-o", "xml");
    ResolveRun verbose = run("-v", "resolve", "-f", dir.resolve("nope.yaml").toString());

    assertThat(missing.exit()).isEqualTo(ResolveCommand.INVALID_INPUT);
    assertThat(missing.err())
        .isEqualTo("error: " + dir.resolve("nope.yaml") + ": no such file or directory\n");
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err())
        .startsWith(
            "Invalid value for option '--output': unknown output format \"xml\": expected one of"
                + " yaml, json, table");
    assertThat(verbose.err()).contains("at dev.imagestreams.plugin.resolve.StreamInputs.read");
  }

  @Test
  void anEmptyInputIsRefused() throws Exception {
    Path empty = file("empty.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");

    ResolveRun run = run("resolve", "-f", empty.toString());

    assertThat(run.exit()).isEqualTo(ResolveCommand.INVALID_INPUT);
    assertThat(run.err()).startsWith("error: no ImageStream in " + empty);
  }

  @Test
  void theHelpSaysThatWithoutFileTheEmbeddedExampleIsResolved() {
    ResolveRun run = run("resolve", "--help");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Without -f, resolves the example stream embedded");
    assertThat(StreamInputs.example()).contains("docker.io/library/python:3.12");
  }

  @Test
  void theEmbeddedExampleFailsWithOneLinePerTagWhenItsRegistryCannotBeReached() {
    // docker.io is refused by the client itself, as an unreachable registry would fail: no request
    ResolveRun run =
        ResolveRun.of(
            Map.of(),
            dir,
            settings ->
                settings.blockedRegistries(
                    dev.imagestreams.registry.reference.RegistryPatterns.parse(
                        List.of("docker.io"))),
            "resolve");

    assertThat(run.exit()).isEqualTo(ResolveCommand.UNRESOLVED);
    assertThat(run.err())
        .isEqualTo(
            """
            error: python:3.12: Forbidden: registry docker.io blocked
            error: python:latest: NotFound: tag 3.12 of ImageStream default/python has no image: its import failed (Forbidden)
            """);
  }
}
