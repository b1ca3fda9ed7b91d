package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.DockerConfig;
import dev.imagestreams.api.v1.DockerImageMetadata;
import dev.imagestreams.api.v1.ImageLayer;
import dev.imagestreams.api.v1.ImageManifest;
import dev.imagestreams.plugin.output.Sizes;
import dev.imagestreams.plugin.output.TabWriter;
import java.time.Instant;
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
    List<ImageManifest> manifests = image.dockerImageManifests();
    if (manifests != null && !manifests.isEmpty()) {
      StringBuilder lines = new StringBuilder();
      for (ImageManifest m : manifests) {
        if (lines.length() > 0) {
          lines.append('\n');
        }
        lines
            .append(m.os())
            .append('/')
            .append(m.architecture())
            .append(m.variant() == null || m.variant().isEmpty() ? "" : "/" + m.variant())
            .append('\t')
            .append(m.digest());
      }
      f.field("Manifests", lines.toString());
    }
    DockerImageMetadata metadata = image.dockerImageMetadata();
    if (metadata == null) {
      // a manifest list: no layers and no config of its own
      return out.toString();
    }
    List<ImageLayer> layers = image.dockerImageLayers();
    long size = metadata.size() == null ? 0 : metadata.size();
    if (layers == null || layers.isEmpty()) {
      f.field("Layer Size", Sizes.human(size));
    } else {
      f.field("Image Size", Sizes.human(size) + " in " + layers.size() + " layers");
      StringBuilder lines = new StringBuilder();
      for (ImageLayer layer : layers) {
        if (lines.length() > 0) {
          lines.append('\n');
        }
        lines
            .append(Sizes.human(layer.size() == null ? 0 : layer.size()))
            .append('\t')
            .append(layer.name());
      }
      f.field("Layers", lines.toString());
    }
    f.field("Image Created", f.ago(metadata.created()));
    f.field("Author", metadata.author());
    f.field("Arch", metadata.architecture());
    DockerConfig config = metadata.config();
    if (config == null) {
      config = new DockerConfig(null, null, null, null, null, null, null, null);
    }
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
    List<String> env = config.env() == null ? List.of() : config.env();
    for (int i = 0; i < env.size(); i++) {
      if (i == 0) {
        f.field("Environment", env.get(0));
      } else {
        out.print("\t" + env.get(i) + "\n");
      }
    }
    if (config.volumes() != null) {
      int i = 0;
      for (String volume : new TreeSet<>(config.volumes().keySet())) {
        if (i++ == 0) {
          f.field("Volumes", volume);
        } else {
          out.print("\t" + volume + "\n");
        }
      }
    }
    return out.toString();
  }
}
