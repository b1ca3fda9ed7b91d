package dev.imagestreams.plugin.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.reference.ImageReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialFilesTest {
  private static final Path HOME = Path.of("/home/user");

  @Test
  void theOptionComesFirstThenRegistryAuthFileThenDockerConfig() throws Exception {
    Map<String, String> env =
        Map.of("REGISTRY_AUTH_FILE", "/run/auth.json", "DOCKER_CONFIG", "/etc/docker");

    assertThat(CredentialFiles.locate("/tmp/c.json", env, HOME))
        .contains(new CredentialFiles.Location(Path.of("/tmp/c.json"), true, "--registry-config"));
    assertThat(CredentialFiles.locate(null, env, HOME))
        .contains(
            new CredentialFiles.Location(Path.of("/run/auth.json"), true, "REGISTRY_AUTH_FILE"));
    assertThat(CredentialFiles.locate(null, Map.of("DOCKER_CONFIG", "/etc/docker"), HOME))
        .contains(
            new CredentialFiles.Location(
                Path.of("/etc/docker/config.json"), false, "Docker config"));
    assertThat(CredentialFiles.locate(null, Map.of(), HOME))
        .contains(
            new CredentialFiles.Location(
                Path.of("/home/user/.docker/config.json"), false, "Docker config"));
  }

  @Test
  void aMissingDockerConfigMeansNoCredentialsButANamedFileMustExist(@TempDir Path dir)
      throws Exception {
    Path missing = dir.resolve("config.json");

    assertThat(
            load(Optional.of(new CredentialFiles.Location(missing, false, "Docker config")))
                .isEmpty())
        .isTrue();
    assertThatThrownBy(
            () ->
                CredentialFiles.load(
                    Optional.of(new CredentialFiles.Location(missing, true, "REGISTRY_AUTH_FILE"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the credentials file " + missing + " (from REGISTRY_AUTH_FILE) does not exist");
  }

  @Test
  void readsTheAuthsOfADockerConfig(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(
        file,
        "{\"auths\": {\"registry.example.com:5000\": {\"username\": \"u\", \"password\": \"p\"}}}");

    var store = CredentialFiles.load(Optional.of(new CredentialFiles.Location(file, true, "x")));

    assertThat(store.lookup(ImageReference.parse("registry.example.com:5000/a/b:1"))).isPresent();
  }

  @Test
  void aBrokenFileIsNamedWithoutItsContent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"auths\": {\"quay.io\": {\"auth\": \"s3cret-not-base64!\"}}}");

    assertThatThrownBy(
            () -> CredentialFiles.load(Optional.of(new CredentialFiles.Location(file, true, "x"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the credentials file "
                + file
                + " is not a Docker config: entry \"quay.io\" has an \"auth\" value that is not"
                + " base64")
        .message()
        .doesNotContain("s3cret");
  }

  private static dev.imagestreams.registry.auth.CredentialStore load(
      Optional<CredentialFiles.Location> location) {
    try {
      return CredentialFiles.load(location);
    } catch (InvalidInputException e) {
      throw new AssertionError(e);
    }
  }
}
