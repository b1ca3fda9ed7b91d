package dev.imagestreams.engine.imports;

import dev.imagestreams.api.v1.ImageStream;
import java.util.Objects;

/**
 * Which stream: its namespace and name. The engine's own identity of a stream, so that it depends
 * on no controller framework; the operator maps it to and from the framework's.
 *
 * @param namespace the namespace
 * @param name the name
 */
public record StreamId(String namespace, String name) {
  public StreamId {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
  }

  /** The stream's identity. */
  public static StreamId of(ImageStream stream) {
    return new StreamId(stream.getMetadata().getNamespace(), stream.getMetadata().getName());
  }

  @Override
  public String toString() {
    return namespace + "/" + name;
  }
}
