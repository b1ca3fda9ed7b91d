package dev.imagestreams.engine.triggers;

/**
 * A container image a trigger sets.
 *
 * @param init whether the container is an init container
 * @param index its index in {@code containers} or {@code initContainers}
 * @param container its name
 * @param from its image now
 * @param to the image it gets
 * @param source the stream tag, {@code namespace/stream:tag}
 */
public record ImageWrite(
    boolean init, int index, String container, String from, String to, String source) {

  /** The JSON pointer of the container below the pod spec, e.g. {@code /containers/0}. */
  public String containerPointer() {
    return "/" + (init ? "initContainers" : "containers") + "/" + index;
  }
}
