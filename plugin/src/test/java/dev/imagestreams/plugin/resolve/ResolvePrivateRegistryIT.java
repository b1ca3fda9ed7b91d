package dev.imagestreams.plugin.resolve;

import static dev.imagestreams.plugin.testing.StreamYaml.dockerImage;
import static dev.imagestreams.plugin.testing.StreamYaml.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.testinfra.registry.Credentials;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code resolve} against a registry that wants Basic credentials, from a Docker config file. */
class ResolvePrivateRegistryIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.basicAuth();

  private static PushedImage image;

  @TempDir Path dir;
  private Path streams;

  @BeforeAll
  static void push() {
    image = REGISTRY.pusher().pushOciImage("private/app", "1", Platform.LINUX_AMD64);
  }

  @BeforeEach
  void writeStream() throws Exception {
    streams = dir.resolve("app.yaml");
    Files.writeString(streams, stream("app", dockerImage("1", REGISTRY.host() + "/private/app:1")));
  }

  private Path dockerConfig(Path file, Credentials credentials) throws Exception {
    Files.createDirectories(file.getParent());
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (credentials.username() + ":" + credentials.password())
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        file, "{\"auths\": {\"%s\": {\"auth\": \"%s\"}}}".formatted(REGISTRY.host(), auth));
    return file;
  }

  private ResolveRun resolve(Map<String, String> env, Path home, String... more) {
    String[] args =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of(
                    "resolve", "-f", streams.toString(), "--insecure-registry", REGISTRY.host()),
                java.util.stream.Stream.of(more))
            .toArray(String[]::new);
    return ResolveRun.of(env, home, args);
  }

  @Test
  void credentialsComeFromTheRegistryConfigOption() throws Exception {
    Path config = dockerConfig(dir.resolve("auth.json"), REGISTRY.credentials());

    ResolveRun run = resolve(Map.of(), dir, "--registry-config", config.toString());

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains(REGISTRY.host() + "/private/app@" + image.digest());
  }

  @Test
  void credentialsComeFromRegistryAuthFile() throws Exception {
    Path config = dockerConfig(dir.resolve("run/containers/auth.json"), REGISTRY.credentials());

    ResolveRun run = resolve(Map.of("REGISTRY_AUTH_FILE", config.toString()), dir);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains(image.digest());
  }

  @Test
  void credentialsComeFromTheUsersDockerConfig() throws Exception {
    Path home = dir.resolve("home");
    dockerConfig(home.resolve(".docker/config.json"), REGISTRY.credentials());

    ResolveRun run = resolve(Map.of(), home);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains(image.digest());
  }

  @Test
  void withoutOrWithWrongCredentialsTheTagIsUnauthorized() throws Exception {
    Path wrong = dockerConfig(dir.resolve("wrong.json"), new Credentials("alice", "wrong"));

    ResolveRun none = resolve(Map.of(), dir.resolve("empty-home"));
    ResolveRun rejected = resolve(Map.of(), dir, "--registry-config", wrong.toString());

    assertThat(none.exit()).isEqualTo(ResolveCommand.UNRESOLVED);
    assertThat(none.err()).startsWith("error: app:1: Unauthorized: ").doesNotContain("\n\n");
    assertThat(rejected.exit()).isEqualTo(ResolveCommand.UNRESOLVED);
    assertThat(rejected.err()).startsWith("error: app:1: Unauthorized: ").doesNotContain("wrong");
  }
}
