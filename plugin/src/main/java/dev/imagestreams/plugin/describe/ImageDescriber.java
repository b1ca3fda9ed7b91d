package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.DockerConfig;
import dev.imagestreams.api.v1.DockerImageMetadata;
import dev.imagestreams.api.v1.ImageLayer;
import dev.imagestreams.api.v1.ImageManifest;
import dev.imagestreams.plugin.output.Sizes;
import dev.imagestreams.plugin.output.TabWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code oc describe istag/NAME:TAG}: the image's name, digest, size and layers, creation, author,
 * architecture, the platforms of a manifest list ({@code os/arch digest}), entrypoint, command,
 * working directory, user, ports, labels, environment and volumes. Pure.
 */
public final class ImageDescriber {
  private ImageDescriber() {}

  public static String describe(ImageStreamTagObject tag, Instant now) {
    TabWriter out = TabWriter.describe();
    DescribeFormat f = new DescribeFormat(out, now);
    ImageStreamTagObject.ImageObject image = tag.image();
    String name = image.metadata().getName();
    f.field("Image Name", name);
    f.field("Docker Image", image.dockerImageReference());
    f.field("Name", name);
    if (image.metadata().getCreationTimestamp() != null) {
      f.time("Created", image.metadata().getCreationTimestamp());
    }
    manifests(f, image.dockerImageManifests());
    DockerImageMetadata metadata = image.dockerImageMetadata();
    if (metadata == null) {
      // a manifest list: no layers and no config of its own
      return out.toString();
    }
    size(f, metadata, image.dockerImageLayers());
    f.field("Image Created", f.ago(metadata.created()));
    f.field("Author", metadata.author());
    f.field("Arch", metadata.architecture());
    runtime(
        f,
        metadata.config() == null
            ? new DockerConfig(null, null, null, null, null, null, null, null)
            : metadata.config());
    return out.toString();
  }

  /** A manifest list's platforms: {@code os/arch[/variant]<tab>digest}, one a line. */
  private static void manifests(DescribeFormat f, List<ImageManifest> manifests) {
    if (manifests == null || manifests.isEmpty()) {
      return;
    }
    List<String> lines = new ArrayList<>();
    for (ImageManifest m : manifests) {
      lines.add(
          m.os()
              + "/"
              + m.architecture()
              + (m.variant() == null || m.variant().isEmpty() ? "" : "/" + m.variant())
              + "\t"
              + m.digest());
    }
    f.field("Manifests", String.join("\n", lines));
  }

  /** The image's size, and each layer's size and digest. */
  private static void size(
      DescribeFormat f, DockerImageMetadata metadata, List<ImageLayer> layers) {
    long size = metadata.size() == null ? 0 : metadata.size();
    if (layers == null || layers.isEmpty()) {
      f.field("Layer Size", Sizes.human(size));
      return;
    }
    f.field("Image Size", Sizes.human(size) + " in " + layers.size() + " layers");
    List<String> lines = new ArrayList<>();
    for (ImageLayer layer : layers) {
      lines.add(Sizes.human(layer.size() == null ? 0 : layer.size()) + "\t" + layer.name());
    }
    f.field("Layers", String.join("\n", lines));
  }

  /** What a container of the image runs: command, directory, user, ports, labels, environment. */
  private static void runtime(DescribeFormat f, DockerConfig config) {
    boolean command = false;
    if (config.entrypoint() != null && !config.entrypoint().isEmpty()) {
      f.field("Entrypoint", String.join(" ", config.entrypoint()));
      command = true;
    }
    if (config.cmd() != null && !config.cmd().isEmpty()) {
      f.field("Command", String.join(" ", config.cmd()));
      command = true;
    }
    if (!command) {
      f.field("Command", "");
    }
    f.field("Working Dir", config.workingDir());
    f.field("User", config.user());
    f.field(
        "Exposes Ports",
        config.exposedPorts() == null
            ? ""
            : String.join(", ", new TreeSet<>(config.exposedPorts().keySet())));
    f.map("Docker Labels", config.labels());
    if (config.env() != null) {
      f.lines("Environment", config.env());
    }
    if (config.volumes() != null) {
      f.lines("Volumes", List.copyOf(new TreeSet<>(config.volumes().keySet())));
    }
  }
}
