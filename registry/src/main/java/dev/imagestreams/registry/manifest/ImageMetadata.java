package dev.imagestreams.registry.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an image's config blob says about it: everything {@code oc describe istag} shows.
 *
 * @param created when the image was built, or null if the config does not say
 * @param author the author, or null
 * @param os the operating system, or null
 * @param architecture the CPU architecture, or null
 * @param variant the CPU variant, or null
 * @param entrypoint the entrypoint
 * @param cmd the default command
 * @param workingDir the working directory, or null
 * @param user the user, or null
 * @param exposedPorts exposed ports such as {@code 8080/tcp}, sorted
 * @param labels the labels, sorted by key
 * @param env the environment, in image order
 * @param volumes the volumes, sorted
 * @param dockerVersion the Docker version that built the image, or null
 */
public record ImageMetadata(
    Instant created,
    String author,
    String os,
    String architecture,
    String variant,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    String user,
    List<String> exposedPorts,
    Map<String, String> labels,
    List<String> env,
    List<String> volumes,
    String dockerVersion) {

  public ImageMetadata {
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    exposedPorts = List.copyOf(exposedPorts);
    labels = Map.copyOf(labels);
    env = List.copyOf(env);
    volumes = List.copyOf(volumes);
  }
}
