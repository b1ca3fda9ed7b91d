package dev.imagestreams.plugin.describe;

import dev.imagestreams.plugin.cluster.CommandFailure;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code describe} or {@code get} names, in kubectl's forms: {@code is/NAME}, {@code is
 * NAME}, {@code istag/NAME:TAG}, {@code istag NAME:TAG}, or just {@code NAME} (a stream) and {@code
 * NAME:TAG} (a tag). Pure.
 *
 * @param kind the kind
 * @param name the stream, or {@code stream:tag}; null to list every object of the kind
 */
public record ResourceArgs(Kind kind, String name) {
  /** The two kinds the plugin presents. */
  public enum Kind {
    STREAM,
    TAG
  }

  public static ResourceArgs parse(List<String> args) {
    if (args.isEmpty()) {
      throw new CommandFailure(
          "you must specify the type of resource: is (imagestream) or istag (imagestreamtag)");
    }
    String first = args.get(0);
    int slash = first.indexOf('/');
    if (slash > 0) {
      if (args.size() > 1) {
        throw new CommandFailure("there is more than one resource named after " + first);
      }
      return named(kind(first.substring(0, slash)), first.substring(slash + 1));
    }
    Kind kind = kindOrNull(first);
    if (kind != null) {
      if (args.size() > 2) {
        throw new CommandFailure("name one resource at a time: " + String.join(" ", args));
      }
      return args.size() == 2 ? named(kind, args.get(1)) : new ResourceArgs(kind, null);
    }
    if (args.size() > 1) {
      throw new CommandFailure("name one resource at a time: " + String.join(" ", args));
    }
    return named(first.contains(":") ? Kind.TAG : Kind.STREAM, first);
  }

  /** The stream of a tag name ({@code stream:tag}), or the stream's name. */
  public String stream() {
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  /** The tag of a {@code stream:tag} name ({@code latest} when not written, as in oc). */
  public String tag() {
    int colon = name.indexOf(':');
    return colon < 0 ? "latest" : name.substring(colon + 1);
  }

  private static ResourceArgs named(Kind kind, String name) {
    if (name.isEmpty()) {
      throw new CommandFailure("a resource name is required");
    }
    if (kind == Kind.STREAM && name.contains(":")) {
      throw new CommandFailure(
          "\"" + name + "\" is a tag: use istag/" + name + " for an image stream tag");
    }
    return new ResourceArgs(kind, name);
  }

  private static Kind kind(String type) {
    Kind kind = kindOrNull(type);
    if (kind == null) {
      throw new CommandFailure(
          "the server doesn't have a resource type \""
              + type
              + "\" here: this plugin shows is (imagestream) and istag (imagestreamtag)");
    }
    return kind;
  }

  private static Kind kindOrNull(String type) {
    return switch (type.toLowerCase(Locale.ROOT)) {
      case "is",
          "imagestream",
          "imagestreams",
          "imagestream.image.openshift.io",
          "imagestreams.image.openshift.io" ->
          Kind.STREAM;
      case "istag",
          "istags",
          "imagestreamtag",
          "imagestreamtags",
          "imagestreamtag.image.openshift.io",
          "imagestreamtags.image.openshift.io" ->
          Kind.TAG;
      default -> null;
    };
  }
}
