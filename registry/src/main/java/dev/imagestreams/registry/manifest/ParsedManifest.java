package dev.imagestreams.registry.manifest;

/** A manifest as read from a registry: either a single image or a list of platform images. */
public sealed interface ParsedManifest permits ImageManifest, ManifestList {
  /** The manifest's media type. */
  String mediaType();
}
