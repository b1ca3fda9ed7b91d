package dev.imagestreams.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kubectl built with the API server, run as a user runs it, with the administrator's
 * kubeconfig.
 */
public final class Kubectl {
  /** What one run printed, and how it exited. */
  public record Result(int exitCode, String out, String err) {
    /** The output; fails with what kubectl said if it did not succeed. */
    public String ok() {
      if (exitCode != 0) {
        throw new AssertionError("kubectl exited " + exitCode + ": " + err + out);
      }
      return out;
    }
  }

  private final Path binary;
  private final Path kubeconfig;

  public Kubectl(KubeControlPlane plane) {
    this.binary = plane.kubectl();
    try {
      this.kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
      Files.writeString(kubeconfig, plane.adminKubeconfig());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code kubectl ARGS...} and waits up to two minutes. */
  public Result run(String... args) {
    return withInput(null, args);
  }

  /** Runs {@code kubectl ARGS...} with the text on its standard input. */
  public Result withInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      builder.environment().remove("KUBECTL_EXTERNAL_DIFF");
      Process p = builder.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError(
            "kubectl " + String.join(" ", args) + " did not finish in two minutes");
      }
      Result result = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
