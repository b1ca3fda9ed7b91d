package dev.imagestreams.plugin.tag;

/**
 * A stream tag as {@code oc} names one: {@code [namespace/]stream:tag}, or for an image of a stream
 * {@code [namespace/]stream@digest} (then {@link #tag()} is the digest).
 *
 * @param namespace the namespace, the current one when not written
 * @param stream the stream
 * @param tag the tag, or the digest
 * @param namespaceWritten whether {@code namespace/} was written
 */
public record StreamTagName(String namespace, String stream, String tag, boolean namespaceWritten) {

  /** A destination: {@code [ns/]stream:tag}. */
  public static StreamTagName parseDestination(String arg, String currentNamespace) {
    return parse(arg, currentNamespace, ':', "<stream_name>:<tag>");
  }

  /** A stream tag source: {@code [ns/]stream:tag}. */
  public static StreamTagName parseSource(String arg, String currentNamespace) {
    return parse(arg, currentNamespace, ':', "<stream_name>:<tag>");
  }

  /** An image of a stream: {@code [ns/]stream@digest}. */
  public static StreamTagName parseImage(String arg, String currentNamespace) {
    return parse(arg, currentNamespace, '@', "<stream_name>@<digest>");
  }

  private static StreamTagName parse(
      String arg, String currentNamespace, char separator, String form) {
    StreamTagName name = split(arg, currentNamespace, separator);
    if (name == null) {
      throw new TagRequest.InvalidTagRequest("\"" + arg + "\" must be of the form " + form);
    }
    return name;
  }

  private static StreamTagName split(String arg, String currentNamespace, char separator) {
    String rest = arg;
    String namespace = currentNamespace;
    boolean written = false;
    int slash = arg.indexOf('/');
    if (slash >= 0) {
      namespace = arg.substring(0, slash);
      rest = arg.substring(slash + 1);
      written = true;
      if (namespace.isEmpty() || rest.indexOf('/') >= 0) {
        return null;
      }
    }
    int at = rest.indexOf(separator);
    if (at <= 0 || at == rest.length() - 1 || rest.indexOf(separator, at + 1) >= 0) {
      return null;
    }
    return new StreamTagName(namespace, rest.substring(0, at), rest.substring(at + 1), written);
  }

  /** {@code stream:tag}. */
  public String streamTag() {
    return stream + ":" + tag;
  }

  /** {@code stream:tag}, with {@code ns/} in front when it was written. */
  public String asWritten(char separator) {
    return (namespaceWritten ? namespace + "/" : "") + stream + separator + tag;
  }
}
