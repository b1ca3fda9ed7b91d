package dev.imagestreams.plugin.tag;

import dev.imagestreams.api.v1.TagSource;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What {@code tag} was asked, checked with {@code oc tag}'s rules and messages. Pure: the source
 * kind is inferred and every flag combination {@code oc} refuses is refused here with its text.
 *
 * @param source the source as written, null when deleting
 * @param sourceKind the source kind ({@code DockerImage}, {@code ImageStreamTag} or {@code
 *     ImageStreamImage}), null when deleting
 * @param destinations the destinations
 * @param alias track the source tag instead of pinning its current image
 * @param reference record the source without importing it
 * @param scheduled re-import periodically
 * @param insecure allow HTTP and unverified TLS
 * @param referencePolicy {@code Source} or {@code Local}
 * @param importMode {@code Legacy}, {@code PreserveOriginal} or null
 * @param delete delete the destinations
 */
public record TagRequest(
    String source,
    String sourceKind,
    List<StreamTagName> destinations,
    boolean alias,
    boolean reference,
    boolean scheduled,
    boolean insecure,
    String referencePolicy,
    String importMode,
    boolean delete) {

  private static final Pattern TAG_NAME = Pattern.compile("^[\\w][\\w.-]{0,127}$");

  /** The flags as given on the command line. */
  public record Flags(
      String sourceKind,
      boolean alias,
      boolean reference,
      boolean scheduled,
      boolean insecure,
      String referencePolicy,
      String importMode,
      boolean delete) {}

  /**
   * Checks the arguments; a {@link InvalidTagRequest} carries {@code oc tag}'s message.
   *
   * @param args SOURCE DEST... or, with {@code -d}, DEST...
   * @param flags the flags
   * @param namespace the namespace destinations without {@code ns/} are in
   */
  public static TagRequest parse(List<String> args, Flags flags, String namespace) {
    if (flags.alias() && flags.delete()) {
      throw new InvalidTagRequest("--alias and --delete may not be both specified");
    }
    String policy = referencePolicy(flags.referencePolicy());
    return flags.delete()
        ? deletion(args, flags, namespace, policy)
        : tagging(args, flags, namespace, policy);
  }

  private static TagRequest deletion(
      List<String> args, Flags flags, String namespace, String policy) {
    if (flags.sourceKind() != null) {
      throw new InvalidTagRequest("cannot specify a source kind when deleting");
    }
    if (flags.scheduled() || flags.insecure()) {
      throw new InvalidTagRequest("cannot set flags for importing images when deleting a tag");
    }
    if (flags.importMode() != null) {
      throw new InvalidTagRequest("cannot specify an import mode when deleting");
    }
    if (args.isEmpty()) {
      throw new InvalidTagRequest("at least a destination is required");
    }
    return new TagRequest(
        null, null, destinations(args, namespace), false, false, false, false, policy, null, true);
  }

  private static TagRequest tagging(
      List<String> args, Flags flags, String namespace, String policy) {
    if (args.size() < 2) {
      throw new InvalidTagRequest(
          args.isEmpty() ? "a source is required" : "at least a destination is required");
    }
    String source = args.get(0);
    String kind = flags.sourceKind() == null ? inferKind(source) : kind(flags.sourceKind());
    List<StreamTagName> destinations = destinations(args.subList(1, args.size()), namespace);
    if (!TagSource.DOCKER_IMAGE.equals(kind) && (flags.scheduled() || flags.insecure())) {
      throw new InvalidTagRequest("only container images can have importing flags set");
    }
    if (flags.alias()) {
      checkAlias(source, kind, destinations, flags, namespace);
    }
    String mode = importMode(flags.importMode());
    return new TagRequest(
        source,
        kind,
        destinations,
        flags.alias(),
        flags.reference(),
        flags.scheduled(),
        flags.insecure(),
        policy,
        mode,
        false);
  }

  /** An alias tracks a tag of the same stream, and is not imported itself. */
  private static void checkAlias(
      String source, String kind, List<StreamTagName> destinations, Flags flags, String namespace) {
    if (flags.scheduled() || flags.insecure()) {
      throw new InvalidTagRequest(
          "cannot set a container image tag as an alias and also set import flags");
    }
    StreamTagName from =
        TagSource.IMAGE_STREAM_TAG.equals(kind)
            ? StreamTagName.parseSource(source, namespace)
            : null;
    for (StreamTagName destination : destinations) {
      if (from == null
          || !from.namespace().equals(destination.namespace())
          || !from.stream().equals(destination.stream())) {
        throw new InvalidTagRequest("cannot set alias across different Image Streams");
      }
    }
  }

  /**
   * {@code oc tag}'s inference: a registry host means an external image; else a digest means an
   * image of a stream, a tag means a stream tag; anything else is an external image.
   */
  static String inferKind(String source) {
    int slash = source.indexOf('/');
    if (slash > 0) {
      String first = source.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        return TagSource.DOCKER_IMAGE;
      }
    }
    if (source.contains("@")) {
      return TagSource.IMAGE_STREAM_IMAGE;
    }
    if (source.substring(Math.max(0, source.lastIndexOf('/'))).contains(":")) {
      return TagSource.IMAGE_STREAM_TAG;
    }
    return TagSource.DOCKER_IMAGE;
  }

  private static String kind(String flag) {
    return switch (flag.toLowerCase(Locale.ROOT)) {
      case "imagestreamtag", "istag" -> TagSource.IMAGE_STREAM_TAG;
      case "imagestreamimage", "isimage" -> TagSource.IMAGE_STREAM_IMAGE;
      case "docker", "dockerimage" -> TagSource.DOCKER_IMAGE;
      default ->
          throw new InvalidTagRequest(
              "invalid source \""
                  + flag
                  + "\"; valid values are imagestreamtag, istag, imagestreamimage, isimage, docker,"
                  + " dockerimage");
    };
  }

  private static String referencePolicy(String flag) {
    if (flag == null || flag.equals("source")) {
      return "Source";
    }
    if (flag.equals("local")) {
      return "Local";
    }
    throw new InvalidTagRequest("reference policy must be set to 'source' or 'local'");
  }

  private static String importMode(String flag) {
    if (flag == null || flag.equals("Legacy") || flag.equals("PreserveOriginal")) {
      return flag;
    }
    throw new InvalidTagRequest("valid ImportMode values are Legacy or PreserveOriginal");
  }

  private static List<StreamTagName> destinations(List<String> args, String namespace) {
    return args.stream()
        .map(
            arg -> {
              StreamTagName name = StreamTagName.parseDestination(arg, namespace);
              if (!TAG_NAME.matcher(name.tag()).matches()) {
                throw new InvalidTagRequest(
                    "invalid tag name \"" + name.tag() + "\": it must match " + TAG_NAME.pattern());
              }
              return name;
            })
        .toList();
  }

  /** A request {@code oc tag} refuses, with its message. */
  public static final class InvalidTagRequest extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTagRequest(String message) {
      super(message);
    }
  }
}
