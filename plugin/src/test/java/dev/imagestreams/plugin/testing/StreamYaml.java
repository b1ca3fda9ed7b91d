package dev.imagestreams.plugin.testing;

/**
 * ImageStream documents as users write them for {@code resolve}: the header once, each spec tag a
 * YAML flow mapping on a line of its own.
 *
 * <pre>{@code
 * documents(
 *     stream("app", dockerImage("1.0", host + "/team/app:1.0"), streamTag("latest", "1.0")),
 *     streamIn("team", "base", dockerImage("1", host + "/team/base:1")))
 * }</pre>
 */
public final class StreamYaml {
  private StreamYaml() {}

  /** A stream without a namespace, with these spec tags ({@link #dockerImage} and others). */
  public static String stream(String name, String... tags) {
    return document("{name: " + name + "}", tags);
  }

  /** A stream in a namespace, with these spec tags. */
  public static String streamIn(String namespace, String name, String... tags) {
    return document("{name: " + name + ", namespace: " + namespace + "}", tags);
  }

  /** A tag that imports an external image. */
  public static String dockerImage(String tag, String image) {
    return "{name: \"" + tag + "\", from: {kind: DockerImage, name: \"" + image + "\"}}";
  }

  /** A tag that follows a tag of a stream ({@code tag} of this one, or {@code stream:tag}). */
  public static String streamTag(String tag, String source) {
    return "{name: \"" + tag + "\", from: {kind: ImageStreamTag, name: \"" + source + "\"}}";
  }

  /** Several documents in one file. */
  public static String documents(String... documents) {
    return String.join("---\n", documents);
  }

  private static String document(String metadata, String... tags) {
    StringBuilder yaml =
        new StringBuilder("apiVersion: image.openshift.io/v1\nkind: ImageStream\n")
            .append("metadata: ")
            .append(metadata)
            .append("\nspec:\n  tags:\n");
    for (String tag : tags) {
      yaml.append("  - ").append(tag).append('\n');
    }
    return yaml.toString();
  }
}
