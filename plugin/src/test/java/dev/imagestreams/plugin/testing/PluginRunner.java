package dev.imagestreams.plugin.testing;

import dev.imagestreams.plugin.KubectlImagestream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs {@code kubectl imagestream VERB ...} in-process as a user runs it: with a kubeconfig file
 * and a namespace, printing to captured standard output and error.
 */
public final class PluginRunner {
  /** One run: exit code and what was printed. */
  public record Result(int exit, String out, String err) {
    /** The output, asserting the run succeeded. */
    public String ok() {
      if (exit != 0) {
        throw new AssertionError("kubectl imagestream exited " + exit + ": " + err + out);
      }
      return out;
    }
  }

  private final Path kubeconfig;
  private final String namespace;

  public PluginRunner(Path kubeconfig, String namespace) {
    this.kubeconfig = kubeconfig;
    this.namespace = namespace;
  }

  /** A runner with a kubeconfig file holding the given content. */
  public static PluginRunner withKubeconfig(String content, String namespace) {
    try {
      Path file = Files.createTempFile("kubeconfig", ".yaml");
      file.toFile().deleteOnExit();
      Files.writeString(file, content);
      return new PluginRunner(file, namespace);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public PluginRunner inNamespace(String other) {
    return new PluginRunner(kubeconfig, other);
  }

  /** {@code kubectl imagestream VERB --kubeconfig FILE -n NS ARGS...}. */
  public Result run(String verb, String... args) {
    return run(List.of(verb), args);
  }

  /**
   * {@code kubectl imagestream set triggers --kubeconfig FILE -n NS ARGS...}: a verb's subcommand.
   */
  public Result runSubcommand(String verb, String subcommand, String... args) {
    return run(List.of(verb, subcommand), args);
  }

  private Result run(List<String> verbs, String... args) {
    List<String> all = new ArrayList<>(verbs);
    all.add("--kubeconfig=" + kubeconfig);
    all.add("--namespace=" + namespace);
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = KubectlImagestream.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new Result(exit, out.toString(), err.toString());
  }
}
