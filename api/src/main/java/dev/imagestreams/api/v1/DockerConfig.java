package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The run configuration of an image, with Docker's capitalised keys.
 *
 * @param user the user
 * @param exposedPorts exposed ports, keys such as {@code 8080/tcp}
 * @param env the environment
 * @param cmd the default command
 * @param entrypoint the entrypoint
 * @param workingDir the working directory
 * @param labels the labels
 * @param volumes the volumes, keys are paths
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DockerConfig(
    @JsonProperty("User") String user,
    @JsonProperty("ExposedPorts") Map<String, Empty> exposedPorts,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Volumes") Map<String, Empty> volumes) {

  /** The empty object Docker uses as the value of port and volume sets. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Empty() {
    public static final Empty INSTANCE = new Empty();
  }
}
