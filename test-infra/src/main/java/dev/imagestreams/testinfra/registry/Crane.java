package dev.imagestreams.testinfra.registry;

import dev.imagestreams.testinfra.BuiltBinary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs crane (go-containerregistry's client, {@link BuiltBinary#CRANE}), an independent registry
 * client, to read back what the fixtures pushed: its manifest, auth challenge, token and platform
 * handling are not ours. Credentials reach it as a Docker config file in a fresh {@code
 * DOCKER_CONFIG} directory, so the user's own never do.
 */
final class Crane {

  private Crane() {}

  /** {@code crane manifest}: the manifest a reference names, byte for byte, read anonymously. */
  static byte[] manifest(String reference) {
    return manifest(reference, null);
  }

  /** {@code crane manifest} with credentials. */
  static byte[] manifest(String reference, Credentials credentials) {
    return succeed(run(credentials, List.of("manifest", reference)));
  }

  /**
   * {@code crane config --platform}: the config blob of the image a reference names for a platform,
   * which crane picks from the index or manifest list itself.
   */
  static byte[] config(String reference, Platform platform) {
    return succeed(run(null, List.of("config", "--platform", platform.toString(), reference)));
  }

  /** Runs crane with {@code --insecure} (plain HTTP) and these credentials (null: none). */
  static Result run(Credentials credentials, List<String> arguments) {
    Path binary = BuiltBinary.CRANE.path();
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(BuiltBinary.CRANE.missing());
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments);
    command.add("--insecure");
    Path home = TestFiles.createTempDirectory("crane-");
    try {
      Path config = home.resolve("config.json");
      Files.writeString(config, dockerConfig(arguments, credentials), StandardCharsets.UTF_8);
      Path stderr = home.resolve("stderr");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      builder.environment().put("DOCKER_CONFIG", home.toString());
      builder.environment().put("HOME", home.toString());
      Process process = builder.start();
      byte[] stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("crane timed out: " + command);
      }
      return new Result(
          command, process.exitValue(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      TestFiles.deleteRecursively(home);
    }
  }

  private static byte[] succeed(Result result) {
    if (result.exitCode() != 0) {
      throw new AssertionError("crane failed: " + result.output());
    }
    return result.stdout();
  }

  /** A Docker config with the credentials for the host of the reference (the last argument). */
  private static String dockerConfig(List<String> arguments, Credentials credentials) {
    if (credentials == null) {
      return "{}";
    }
    String reference = arguments.get(arguments.size() - 1);
    String host = reference.substring(0, reference.indexOf('/'));
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (credentials.username() + ":" + credentials.password())
                    .getBytes(StandardCharsets.UTF_8));
    return "{\"auths\":{"
        + RegistryConfiguration.quote(host)
        + ":{\"auth\":"
        + RegistryConfiguration.quote(auth)
        + "}}}";
  }

  record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {
    String output() {
      return command
          + ": exit "
          + exitCode
          + ", stdout: "
          + new String(stdout, StandardCharsets.UTF_8)
          + ", stderr: "
          + stderr;
    }
  }
}
