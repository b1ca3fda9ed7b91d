package dev.imagestreams.engine.triggers;

/**
 * A container of a pod spec: its name and image.
 *
 * @param name the container's name
 * @param image its image, as written
 */
public record ContainerImage(String name, String image) {}
