package dev.imagestreams.registry;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.http.ImportBudget;
import dev.imagestreams.registry.manifest.ImageConfigParser;
import dev.imagestreams.registry.manifest.ImageManifest;
import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.ManifestList;
import dev.imagestreams.registry.manifest.ManifestParser;
import dev.imagestreams.registry.manifest.ParsedManifest;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.manifest.PlatformManifest;
import dev.imagestreams.registry.manifest.PlatformSelector;
import dev.imagestreams.registry.reference.Digest;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.List;

/**
 * What a fetched manifest resolves to: an image with its config; a manifest list as it is ({@code
 * PreserveOriginal}), or the image of the platform chosen from it ({@code Legacy}).
 *
 * @param api fetches the chosen platform's manifest and the config blobs
 * @param manifestParser parses manifests and lists
 * @param configParser parses image configurations
 * @param maxConfigBytes the largest config blob accepted
 */
record ManifestResolver(
    DistributionApi api,
    ManifestParser manifestParser,
    ImageConfigParser configParser,
    long maxConfigBytes) {

  ResolvedImage resolve(
      ImageReference image,
      DistributionApi.FetchedManifest fetched,
      Access access,
      ResolveOptions options,
      ImportBudget budget)
      throws RegistryException {
    String where = "\"" + image + "\"";
    ParsedManifest parsed = manifestParser.parse(fetched.body(), fetched.contentType(), where);
    if (parsed instanceof ImageManifest manifest) {
      return image(
          image,
          fetched.digest(),
          fetched.digest(),
          manifest,
          fetched.body().length,
          null,
          access,
          budget);
    }
    ManifestList list = (ManifestList) parsed;
    if (options.importMode() == ImportMode.PRESERVE_ORIGINAL) {
      return new ResolvedImage(
          image,
          fetched.digest(),
          fetched.digest(),
          list.mediaType(),
          fetched.body().length,
          List.of(),
          0,
          null,
          list.images(),
          null);
    }
    PlatformManifest chosen = PlatformSelector.select(list, options.platformPreferences(), where);
    return platformImage(image, fetched.digest(), chosen, access, budget);
  }

  /** The image of the platform chosen from a manifest list. */
  private ResolvedImage platformImage(
      ImageReference image,
      Digest source,
      PlatformManifest chosen,
      Access access,
      ImportBudget budget)
      throws RegistryException {
    String where = "\"" + image + "\"";
    DistributionApi.FetchedManifest child =
        api.getManifest(image, chosen.digest().toString(), chosen.digest(), access, budget);
    ParsedManifest childParsed =
        manifestParser.parse(
            child.body(), child.contentType(), where + " (" + chosen.platform() + ")");
    if (!(childParsed instanceof ImageManifest childManifest)) {
      throw RegistryException.of(
          ErrorKind.UNSUPPORTED,
          "unsupported manifest for "
              + where
              + ": the "
              + chosen.platform()
              + " entry is itself a manifest list");
    }
    return image(
        image, source, chosen.digest(), childManifest, child.body().length, chosen, access, budget);
  }

  private ResolvedImage image(
      ImageReference image,
      Digest source,
      Digest digest,
      ImageManifest manifest,
      long manifestSize,
      PlatformManifest chosen,
      Access access,
      ImportBudget budget)
      throws RegistryException {
    byte[] config =
        api.getBlob(
            image, manifest.config().digest(), maxConfigBytes, "config blob", access, budget);
    ImageMetadata metadata = configParser.parse(config, "\"" + image + "\"");
    return new ResolvedImage(
        image,
        source,
        digest,
        manifest.mediaType(),
        manifestSize,
        manifest.layers(),
        manifest.layersSize(),
        metadata,
        List.of(),
        chosen != null ? chosen.platform() : platformOf(metadata));
  }

  /** The platform an image's config names, or null when it names none. */
  private static Platform platformOf(ImageMetadata metadata) {
    if (metadata == null
        || metadata.os() == null
        || metadata.os().isEmpty()
        || metadata.architecture() == null
        || metadata.architecture().isEmpty()) {
      return null;
    }
    return new Platform(metadata.os(), metadata.architecture(), metadata.variant());
  }
}
