package dev.imagestreams.testinfra.registry;

import dev.imagestreams.testinfra.BuiltBinary;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs one {@link DistributionRegistry} (and, for the token variant, its
 * {@link TokenServer}) for all tests of a class.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RegistryExtension registry = RegistryExtension.anonymous();
 *
 * @Test
 * void pulls() {
 *     PushedImage image = registry.pusher().pushOciImage("team/app", "1.0", Platform.LINUX_AMD64);
 *     // point the client under test at registry.host()
 * }
 * }</pre>
 *
 * <p>Register it on a <em>static</em> field: the registry starts before all tests of the class and
 * stops after them. {@code @Nested} classes share the registry of their enclosing class. When
 * {@code test-infra/build.sh} has not built the registry, the class is skipped with one line saying
 * so and how to build it ({@link BuiltBinary#require()}); with {@code CI=true} it fails instead.
 */
public final class RegistryExtension
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  private final Supplier<TokenServer> tokenServerFactory;
  private final RegistryFactory registryFactory;
  private final Credentials credentials;
  private final boolean builtBinary;

  private TokenServer tokenServer;
  private DistributionRegistry registry;
  private String ownerId;

  private RegistryExtension(
      Supplier<TokenServer> tokenServerFactory,
      RegistryFactory registryFactory,
      Credentials credentials) {
    this(tokenServerFactory, registryFactory, credentials, true);
  }

  private RegistryExtension(
      Supplier<TokenServer> tokenServerFactory,
      RegistryFactory registryFactory,
      Credentials credentials,
      boolean builtBinary) {
    this.tokenServerFactory = tokenServerFactory;
    this.registryFactory = registryFactory;
    this.credentials = credentials;
    this.builtBinary = builtBinary;
  }

  /**
   * A registry without authentication.
   *
   * @return the extension
   */
  public static RegistryExtension anonymous() {
    return of(DistributionRegistry.anonymous());
  }

  /**
   * A registry requiring Basic credentials {@link Credentials#DEFAULT} (an htpasswd file it
   * writes).
   *
   * @return the extension
   */
  public static RegistryExtension basicAuth() {
    return new RegistryExtension(
        null, tokens -> DistributionRegistry.basicAuth(), Credentials.DEFAULT);
  }

  /**
   * A registry requiring Basic credentials from a bcrypt htpasswd file.
   *
   * @param htpasswd the password file
   * @param credentials valid credentials from that file, used by {@link #pusher()}
   * @return the extension
   */
  public static RegistryExtension basicAuth(Path htpasswd, Credentials credentials) {
    Objects.requireNonNull(htpasswd, "htpasswd");
    return new RegistryExtension(
        null,
        tokens -> DistributionRegistry.basicAuth(htpasswd),
        Objects.requireNonNull(credentials, "credentials"));
  }

  /**
   * A registry requiring bearer tokens from a default {@link TokenServer} (user {@link
   * Credentials#DEFAULT}, anonymous requests refused).
   *
   * @return the extension
   */
  public static RegistryExtension tokenAuth() {
    return tokenAuth(TokenServer.builder());
  }

  /**
   * A registry requiring bearer tokens from a token server built from {@code tokenServer}; the
   * extension starts the token server first and stops it last.
   *
   * @param tokenServer the token server configuration; its first user is used by {@link #pusher()}
   * @return the extension
   */
  public static RegistryExtension tokenAuth(TokenServer.Builder tokenServer) {
    Objects.requireNonNull(tokenServer, "tokenServer");
    return new RegistryExtension(
        tokenServer::start, DistributionRegistry::tokenAuth, tokenServer.firstUser());
  }

  /**
   * A registry from an arbitrary builder, for example with a custom binary or log level.
   *
   * @param builder the registry configuration
   * @return the extension
   */
  public static RegistryExtension of(DistributionRegistry.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return new RegistryExtension(null, tokens -> builder, null, builder.usesBuiltBinary());
  }

  /** Skips the class, each of its tests counted as skipped, where the registry is not built. */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    BuiltBinary binary = BuiltBinary.DISTRIBUTION_REGISTRY;
    if (builtBinary && !BuiltBinary.required() && !binary.isBuilt()) {
      binary.report();
      return ConditionEvaluationResult.disabled(binary.missing());
    }
    return ConditionEvaluationResult.enabled("the registry can start");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (registry != null) {
      return; // a @Nested class: keep the enclosing class's registry
    }
    if (builtBinary) {
      BuiltBinary.DISTRIBUTION_REGISTRY.require();
    }
    ownerId = context.getUniqueId();
    if (tokenServerFactory != null) {
      tokenServer = tokenServerFactory.get();
    }
    try {
      registry = registryFactory.create(tokenServer).start();
    } catch (RuntimeException e) {
      closeAll();
      throw e;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (context.getUniqueId().equals(ownerId)) {
      closeAll();
    }
  }

  /**
   * The running registry.
   *
   * @return the registry
   * @throws IllegalStateException outside the lifecycle of the test class
   */
  public DistributionRegistry registry() {
    if (registry == null) {
      throw new IllegalStateException(
          "the registry is not running: register RegistryExtension on a static field with @RegisterExtension");
    }
    return registry;
  }

  /**
   * The token server of the {@link #tokenAuth()} variants.
   *
   * @return the token server
   * @throws IllegalStateException for the other variants
   */
  public TokenServer tokenServer() {
    registry();
    if (tokenServer == null) {
      throw new IllegalStateException("this registry does not use a token server");
    }
    return tokenServer;
  }

  /**
   * {@link DistributionRegistry#host()}.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  public String host() {
    return registry().host();
  }

  /**
   * {@link DistributionRegistry#port()}.
   *
   * @return the port
   */
  public int port() {
    return registry().port();
  }

  /**
   * {@link DistributionRegistry#baseUri()}.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public URI baseUri() {
    return registry().baseUri();
  }

  /**
   * Valid credentials for this registry.
   *
   * @return the credentials, or {@code null} for an anonymous registry
   */
  public Credentials credentials() {
    return credentials;
  }

  /**
   * A pusher for this registry that authenticates with {@link #credentials()}.
   *
   * @return a new pusher
   */
  public ImagePusher pusher() {
    return credentials == null
        ? new ImagePusher(baseUri())
        : new ImagePusher(baseUri(), credentials);
  }

  private void closeAll() {
    try {
      if (registry != null) {
        registry.close();
      }
    } finally {
      registry = null;
      if (tokenServer != null) {
        tokenServer.close();
        tokenServer = null;
      }
    }
  }

  @FunctionalInterface
  private interface RegistryFactory {
    DistributionRegistry.Builder create(TokenServer tokenServer);
  }
}
