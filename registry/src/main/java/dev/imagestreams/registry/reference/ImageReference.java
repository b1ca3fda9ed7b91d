package dev.imagestreams.registry.reference;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A parsed, normalised image reference: what users write in {@code from.name}.
 *
 * <p>Parsing follows the distribution reference grammar with Docker Hub defaults: no registry means
 * {@code docker.io}, a single path component on Docker Hub gains the {@code library/} namespace,
 * and no tag and no digest means {@code latest}. {@code index.docker.io} and {@code
 * registry-1.docker.io} are aliases of {@code docker.io}.
 *
 * <p>The name as the user spelled it is kept ({@link #spelledName()}), because the pull spec that
 * is recorded keeps the user's spelling with the digest: {@code nginx:1.25} resolves to {@code
 * nginx@sha256:...}, as in OpenShift.
 *
 * @param registry the canonical registry host, with its port if any ({@code docker.io}, {@code
 *     quay.io}, {@code registry.example.com:5000})
 * @param repository the repository path in that registry ({@code library/python})
 * @param tag the tag, or {@code null} when the reference has a digest and no tag
 * @param digest the digest, or {@code null}
 * @param spelledName the name part exactly as written, without tag and digest
 */
public record ImageReference(
    String registry, String repository, String tag, Digest digest, String spelledName) {

  public static final String DOCKER_HUB = "docker.io";

  /** The host that serves the distribution API for {@code docker.io}. */
  public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

  public static final String DEFAULT_TAG = "latest";
  private static final int MAX_NAME_LENGTH = 255;
  private static final int MAX_REFERENCE_LENGTH = 1024;

  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern IPV6 = Pattern.compile("\\[[a-fA-F0-9:.]+\\]");

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(spelledName, "spelledName");
    if (tag == null && digest == null) {
      tag = DEFAULT_TAG;
    }
  }

  /**
   * Parses a reference such as {@code python}, {@code python:3.6.0}, {@code
   * centos/python-35-centos7}, {@code docker.io/python:3.6.0}, {@code quay.io/org/app@sha256:...},
   * {@code registry.example.com:5000/a/b/c:tag} or {@code name:tag@sha256:...}.
   *
   * @throws RegistryException of kind {@link ErrorKind#INVALID_REFERENCE}, with a message naming
   *     what is wrong
   */
  public static ImageReference parse(String input) throws RegistryException {
    if (input == null || input.isEmpty()) {
      throw invalid("image reference is empty");
    }
    String shown = Digest.abbreviate(input);
    checkText(input, shown);
    int at = input.indexOf('@');
    Digest digest = at < 0 ? null : parseDigest(input.substring(at + 1), shown);
    String nameAndTag = at < 0 ? input : input.substring(0, at);
    int lastColon = nameAndTag.lastIndexOf(':');
    boolean tagged = lastColon > nameAndTag.lastIndexOf('/');
    String tag = tagged ? checkTag(nameAndTag.substring(lastColon + 1), shown) : null;
    String name = tagged ? nameAndTag.substring(0, lastColon) : nameAndTag;
    if (name.isEmpty()) {
      throw invalid("image reference \"" + shown + "\" has no repository name");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw invalid(
          "repository name in \"" + shown + "\" is longer than " + MAX_NAME_LENGTH + " characters");
    }
    return named(name, tag, digest, shown);
  }

  /** What no part of a reference may have: excess length, a scheme, whitespace, non-ASCII. */
  private static void checkText(String input, String shown) throws RegistryException {
    if (input.length() > MAX_REFERENCE_LENGTH) {
      throw invalid(
          "image reference \""
              + shown
              + "\" is longer than "
              + MAX_REFERENCE_LENGTH
              + " characters");
    }
    if (input.contains("://")) {
      throw invalid(
          "image reference \""
              + shown
              + "\" must not include a scheme such as https://; write registry/repository:tag");
    }
    if (!input.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw invalid(
          "image reference \"" + shown + "\" contains whitespace or non-ASCII characters");
    }
  }

  private static String checkTag(String tag, String shown) throws RegistryException {
    if (!TAG.matcher(tag).matches()) {
      throw invalid(
          "invalid tag \""
              + Digest.abbreviate(tag)
              + "\" in \""
              + shown
              + "\": a tag has 1 to 128 letters, digits, '_', '.' or '-' and does not start with"
              + " '.' or '-'");
    }
    return tag;
  }

  /**
   * The reference of a name: its registry (Docker Hub when its first component is no host) and
   * repository (with {@code library/} for a single component on Docker Hub), both validated.
   */
  private static ImageReference named(String name, String tag, Digest digest, String shown)
      throws RegistryException {
    String domain;
    String path;
    int slash = name.indexOf('/');
    String first = slash < 0 ? name : name.substring(0, slash);
    if (slash >= 0 && isDomain(first)) {
      domain = first;
      path = name.substring(slash + 1);
      validateDomain(domain, shown);
    } else {
      domain = DOCKER_HUB;
      path = name;
    }
    validatePath(path, shown);
    String registry = canonicalRegistry(domain);
    if (registry.equals(DOCKER_HUB) && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    return new ImageReference(registry, path, tag, digest, name);
  }

  /** The canonical form of a registry host: Docker Hub aliases become {@code docker.io}. */
  public static String canonicalRegistry(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com" ->
          DOCKER_HUB;
      default -> lower;
    };
  }

  /** Whether this reference points at Docker Hub. */
  public boolean isDockerHub() {
    return registry.equals(DOCKER_HUB);
  }

  /** The host (and port) that serves the distribution API for this reference. */
  public String apiHost() {
    return isDockerHub() ? DOCKER_HUB_API_HOST : registry;
  }

  /** The manifest reference to ask the registry for: the digest if there is one, else the tag. */
  public String manifestReference() {
    return digest != null ? digest.toString() : tag;
  }

  /**
   * The pull spec that records an image resolved from this reference: the user's name with the
   * digest.
   */
  public String pullSpec(Digest resolved) {
    return spelledName + "@" + resolved;
  }

  /** {@code registry/repository}, for example {@code docker.io/library/python}. */
  public String canonicalName() {
    return registry + "/" + repository;
  }

  /** The same repository with another tag and no digest. */
  public ImageReference withTag(String newTag) {
    return new ImageReference(registry, repository, newTag, null, spelledName);
  }

  /** The same repository pinned to a digest (the tag is kept for display). */
  public ImageReference withDigest(Digest newDigest) {
    return new ImageReference(registry, repository, tag, newDigest, spelledName);
  }

  /** The fully qualified form, for example {@code docker.io/library/python:3.6.0}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(canonicalName());
    if (tag != null) {
      sb.append(':').append(tag);
    }
    if (digest != null) {
      sb.append('@').append(digest);
    }
    return sb.toString();
  }

  private static Digest parseDigest(String value, String shown) throws RegistryException {
    try {
      return Digest.parse(value);
    } catch (RegistryException e) {
      throw invalid("invalid digest in \"" + shown + "\": " + e.getMessage());
    }
  }

  /**
   * Docker's rule: a first component is a registry host if it has a dot, a port or is localhost.
   */
  private static boolean isDomain(String first) {
    return first.indexOf('.') >= 0
        || first.indexOf(':') >= 0
        || first.equals("localhost")
        || first.startsWith("[")
        || !first.equals(first.toLowerCase(Locale.ROOT));
  }

  private static void validateDomain(String domain, String shown) throws RegistryException {
    String host = domain;
    String port = null;
    if (domain.startsWith("[")) {
      int close = domain.indexOf(']');
      host = close < 0 ? domain : domain.substring(0, close + 1);
      String rest = close < 0 ? "" : domain.substring(close + 1);
      if (!IPV6.matcher(host).matches() || !(rest.isEmpty() || rest.startsWith(":"))) {
        throw invalidRegistry(domain, shown);
      }
      port = rest.isEmpty() ? null : rest.substring(1);
    } else {
      int colon = domain.indexOf(':');
      if (colon >= 0) {
        host = domain.substring(0, colon);
        port = domain.substring(colon + 1);
      }
      for (String component : host.split("\\.", -1)) {
        if (!DOMAIN_COMPONENT.matcher(component).matches()) {
          throw invalidRegistry(domain, shown);
        }
      }
    }
    if (port != null
        && (!PORT.matcher(port).matches()
            || Integer.parseInt(port) == 0
            || Integer.parseInt(port) > 65535)) {
      throw invalid("invalid port \"" + port + "\" in registry host of \"" + shown + "\"");
    }
  }

  private static RegistryException invalidRegistry(String domain, String shown) {
    return invalid(
        "invalid registry host \"" + Digest.abbreviate(domain) + "\" in \"" + shown + "\"");
  }

  private static void validatePath(String path, String shown) throws RegistryException {
    if (path.isEmpty()) {
      throw invalid("image reference \"" + shown + "\" has no repository name");
    }
    if (!path.equals(path.toLowerCase(Locale.ROOT))) {
      throw invalid(
          "repository name \""
              + Digest.abbreviate(path)
              + "\" in \""
              + shown
              + "\" must be lowercase");
    }
    for (String component : path.split("/", -1)) {
      if (!PATH_COMPONENT.matcher(component).matches()) {
        throw invalid(
            "invalid repository path component \""
                + Digest.abbreviate(component)
                + "\" in \""
                + shown
                + "\": components are lowercase letters and digits, separated by '.', '_', '__' or '-'");
      }
    }
  }

  private static RegistryException invalid(String message) {
    return RegistryException.of(ErrorKind.INVALID_REFERENCE, message);
  }
}
