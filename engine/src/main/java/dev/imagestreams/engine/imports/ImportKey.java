package dev.imagestreams.engine.imports;

import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.manifest.PlatformPreference;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.List;

/**
 * Everything that decides the result of importing a reference: requests with equal keys are made
 * once and shared, by all tags of all streams that ask for them. The credentials take part through
 * their fingerprint, so only requests made with the same credentials are shared.
 *
 * @param reference the canonical reference ({@code docker.io/library/python:3.12})
 * @param registry the canonical registry host
 * @param importMode the import mode
 * @param platforms the platform preferences, most wanted first
 * @param insecure whether plain HTTP and unverified TLS are allowed
 * @param credentials the credentials fingerprint, {@code anonymous} without credentials
 */
public record ImportKey(
    String reference,
    String registry,
    ImportMode importMode,
    List<PlatformPreference> platforms,
    boolean insecure,
    String credentials) {

  public ImportKey {
    platforms = List.copyOf(platforms);
  }

  public static ImportKey of(
      ImageReference image, ResolveOptions options, boolean insecure, String credentials) {
    // Digest references resolve to the same content whatever tag is written next to them.
    ImageReference canonical =
        image.digest() != null ? image.withTag(null).withDigest(image.digest()) : image;
    return new ImportKey(
        canonical.toString(),
        image.registry(),
        options.importMode(),
        options.platformPreferences(),
        insecure,
        credentials);
  }

  public ResolveOptions resolveOptions() {
    return new ResolveOptions(importMode, platforms);
  }

  @Override
  public String toString() {
    return reference
        + " ["
        + importMode.value()
        + (insecure ? ", insecure" : "")
        + ", credentials "
        + credentials
        + "]";
  }
}
