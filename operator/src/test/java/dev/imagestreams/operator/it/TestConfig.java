package dev.imagestreams.operator.it;

import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.ImportConfigParser;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cluster configuration a scenario runs with: the test's registries serve plain HTTP, so they
 * are listed as insecure, followed by what the scenario adds.
 */
final class TestConfig {
  private TestConfig() {}

  /**
   * The configuration document with {@code hosts} as insecure registries.
   *
   * @param more further YAML, each line ending with a newline
   */
  static ImportConfig insecure(List<String> hosts, String more) throws Exception {
    String quoted = hosts.stream().map(h -> "\"" + h + "\"").collect(Collectors.joining(", "));
    return new ImportConfigParser(n -> Optional.empty())
        .parse("registrySources:\n  insecureRegistries: [" + quoted + "]\n" + more);
  }
}
