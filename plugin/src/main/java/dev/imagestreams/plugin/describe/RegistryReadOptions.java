package dev.imagestreams.plugin.describe;

import picocli.CommandLine.Option;

/**
 * The option of the verbs that read an image's metadata from its registry when the status did not
 * record it ({@link RecordedImages}).
 */
final class RegistryReadOptions {
  @Option(
      names = "--insecure",
      description =
          "Allow HTTP and unverified TLS when image metadata must be read from the registry.")
  boolean insecure;

  /** The recorded images, read from registries with this option. */
  RecordedImages images() {
    return RecordedImages.fromRegistries(insecure);
  }
}
