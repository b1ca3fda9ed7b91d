package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.engine.EngineSettings;
import dev.imagestreams.engine.ImportEngine;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.plugin.output.OutputFormat;
import dev.imagestreams.registry.RegistrySettings;
import dev.imagestreams.registry.auth.CredentialStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl imagestream resolve}: resolves ImageStream YAML against the registries, without a
 * cluster, and prints the streams with the status the operator would write, or one line per tag
 * that did not resolve.
 */
@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Resolve ImageStream YAML against its registries without a cluster, with the operator's"
          + " import engine and default configuration, and print the streams with the status the"
          + " operator would write.",
      "",
      "Without -f, resolves the example stream embedded in the plugin (docker.io/library/python:3.12"
          + " and a tag following it).",
      "",
      "Exit status: 0 when every tag resolved; 1 when a tag did not (one line per tag on standard"
          + " error: stream:tag: Reason: message); 2 for bad arguments or input."
    })
public final class ResolveCommand implements Callable<Integer> {
  /** Exit status when a tag did not resolve. */
  public static final int UNRESOLVED = 1;

  /** Exit status for unusable input (picocli's own for bad arguments). */
  public static final int INVALID_INPUT = CommandLine.ExitCode.USAGE;

  @Spec CommandSpec spec;

  @Option(
      names = {"-f", "--filename"},
      paramLabel = "FILE|DIR|-",
      description =
          "ImageStream YAML or JSON: a file, a directory (its .yaml, .yml and .json files) or - for"
              + " standard input. Repeatable. Default: the embedded example.")
  List<String> files = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      converter = Formats.Converter.class,
      completionCandidates = Formats.class,
      description = "yaml, json or table (default: ${DEFAULT-VALUE}).",
      defaultValue = "table")
  OutputFormat output = OutputFormat.of(OutputFormat.Kind.TABLE);

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description =
          "A registry reached with plain HTTP or unverified TLS (*.domain works). Repeatable.")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--registry-config",
      paramLabel = "FILE",
      description =
          "Registry credentials (a Docker config.json). Default: $REGISTRY_AUTH_FILE, else"
              + " $DOCKER_CONFIG/config.json, else ~/.docker/config.json.")
  String registryConfig;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description = "The namespace of streams that name none (default: ${DEFAULT-VALUE}).",
      defaultValue = "default")
  String namespace = "default";

  private final Map<String, String> environment;
  private final Path home;
  private final UnaryOperator<RegistrySettings.Builder> registrySettings;

  /** With the process's environment and home directory. */
  public ResolveCommand() {
    this(System.getenv(), Path.of(System.getProperty("user.home")), UnaryOperator.identity());
  }

  /** With another environment and home directory, and adjusted registry settings (tests). */
  public ResolveCommand(
      Map<String, String> environment,
      Path home,
      UnaryOperator<RegistrySettings.Builder> registrySettings) {
    this.environment = Map.copyOf(environment);
    this.home = home;
    this.registrySettings = registrySettings;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    KubernetesSerialization serialization = new KubernetesSerialization();
    ImportConfig config = ResolveSettings.config(insecureRegistries);
    CredentialStore credentials =
        CredentialFiles.load(CredentialFiles.locate(registryConfig, environment, home));
    List<ImageStream> streams =
        new StreamInputs(new StreamDocuments(serialization), System.in).read(files);
    if (streams.isEmpty()) {
      throw new InvalidInputException(
          "no ImageStream in "
              + String.join(", ", files)
              + " (apiVersion: image.openshift.io/v1,"
              + " kind: ImageStream)");
    }
    List<ResolvedStream> resolved;
    try (ImportEngine engine =
        new ImportEngine(
            config,
            EngineSettings.builder(userAgent()).registrySettings(registrySettings).build())) {
      resolved = new StreamResolver(engine, credentials).resolve(streams, namespace);
    }
    List<ResolvedStream.Failure> failures =
        resolved.stream().flatMap(s -> s.failures().stream()).toList();
    if (!failures.isEmpty()) {
      failures.forEach(f -> err.println("error: " + f.line()));
      err.flush();
      return UNRESOLVED;
    }
    out.print(new StreamPrinter(serialization).print(resolved, output));
    out.flush();
    return CommandLine.ExitCode.OK;
  }

  /**
   * The formats {@code resolve} prints, as written on the command line (for completion and help):
   * the streams as YAML or JSON, or a table of tags.
   */
  public static final class Formats extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
    private static final List<OutputFormat.Kind> KINDS =
        List.of(OutputFormat.Kind.YAML, OutputFormat.Kind.JSON, OutputFormat.Kind.TABLE);

    public Formats() {
      super(KINDS.stream().map(OutputFormat.Kind::value).toList());
    }

    /** Parses {@code yaml}, {@code json} or {@code table}, in any case. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
      @Override
      public OutputFormat convert(String value) {
        for (OutputFormat.Kind kind : KINDS) {
          if (kind.value().equalsIgnoreCase(value.trim())) {
            return OutputFormat.of(kind);
          }
        }
        throw new CommandLine.TypeConversionException(
            "unknown output format \""
                + value
                + "\": expected one of "
                + String.join(", ", new Formats()));
      }
    }
  }

  private static String userAgent() {
    String version = ResolveCommand.class.getPackage().getImplementationVersion();
    return "kubectl-imagestream/" + (version == null ? "dev" : version);
  }
}
