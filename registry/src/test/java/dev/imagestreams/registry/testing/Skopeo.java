package dev.imagestreams.registry.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs skopeo, an independent registry client, to read back what the fixtures pushed. */
final class Skopeo {

  private static final Path BINARY = Path.of("/usr/bin/skopeo");

  private Skopeo() {}

  /** {@code skopeo inspect --raw} of a manifest, as bytes. */
  static byte[] inspectRaw(String reference, String... options) {
    List<String> arguments = new ArrayList<>(List.of("inspect", "--raw", "--tls-verify=false"));
    arguments.addAll(List.of(options));
    arguments.add("docker://" + reference);
    Result result = run(arguments);
    if (result.exitCode() != 0) {
      throw new AssertionError("skopeo " + arguments + " failed: " + result.output());
    }
    return result.stdout();
  }

  /** Runs skopeo with the given arguments. */
  static Result run(List<String> arguments) {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException(
          "These tests read images back with skopeo, which is missing. "
              + "Install it with: apt-get update && apt-get install -y skopeo");
    }
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.addAll(arguments);
    try {
      Path stderr = Files.createTempFile("skopeo", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        byte[] stdout = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("skopeo timed out: " + command);
        }
        return new Result(
            process.exitValue(), stdout, Files.readString(stderr, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Result(int exitCode, byte[] stdout, String stderr) {
    String output() {
      return "exit "
          + exitCode
          + ", stdout: "
          + new String(stdout, StandardCharsets.UTF_8)
          + ", stderr: "
          + stderr;
    }
  }
}
