package dev.imagestreams.testinfra.registry;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Docker registry token server (the {@code realm} of a {@code WWW-Authenticate: Bearer}
 * challenge), as run by Docker Hub, GHCR or Quay, on {@code 127.0.0.1} and a free port.
 *
 * <p>{@code GET /token?service=S&scope=repository:NAME:pull,push[&scope=...]} answers {@code
 * {"token", "access_token", "expires_in", "issued_at"}}. The token is an RS256 JWT whose header
 * carries the signing certificate ({@code x5c}) and whose claims are {@code iss}, {@code sub},
 * {@code aud} (the requested service, or the configured one when absent), {@code exp}, {@code nbf},
 * {@code iat}, {@code jti} and {@code access}. Distribution's {@code auth.token} accepts these
 * tokens when its {@code rootcertbundle} is {@link #rootCertificateFile()}; {@link
 * DistributionRegistry#tokenAuth(TokenServer)} wires that up.
 *
 * <ul>
 *   <li>Valid Basic credentials: every requested action is granted.
 *   <li>No {@code Authorization} header: 401, unless anonymous tokens are enabled ({@link
 *       Builder#allowAnonymous()}, {@link Builder#publicRepositories(String...)}); then the token
 *       grants only {@code pull}, and only on public repositories.
 *   <li>Wrong credentials or another scheme: 401 with a JSON error body.
 * </ul>
 *
 * <p>The signing key and certificate are the bundled {@code token.p12} (PKCS12, password {@value
 * #KEYSTORE_PASSWORD}, alias {@value #KEY_ALIAS}) and {@code token.pem}, valid 2024-01-01 to
 * 2051-05-19. To regenerate them:
 *
 * <pre>
 * keytool -genkeypair -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -alias token -storetype PKCS12 \
 *     -keystore token.p12 -storepass imagestream-test -dname CN=imagestream-test-token-issuer \
 *     -startdate "2024/01/01 00:00:00" -validity 10000
 * keytool -exportcert -rfc -alias token -keystore token.p12 -storepass imagestream-test -file token.pem
 * </pre>
 *
 * Every request is recorded ({@link #requests()}, {@link #requestCount()}, {@link #reset()}).
 */
public final class TokenServer implements LoopbackAddress, AutoCloseable {

  /** Password of the bundled {@code token.p12}. */
  public static final String KEYSTORE_PASSWORD = "imagestream-test";

  /** Alias of the signing key in the bundled {@code token.p12}. */
  public static final String KEY_ALIAS = "token";

  /** Default {@code service}, used as token audience. */
  public static final String DEFAULT_SERVICE = "imagestream-test-registry";

  /** Default token issuer. */
  public static final String DEFAULT_ISSUER = "imagestream-test-issuer";

  private final TokenGrants grants;
  private final String service;
  private final String issuer;
  private final Duration expiresIn;
  private final String realmHost;
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final Path workDirectory;
  private final Path rootCertificateFile;
  private final LoopbackHttpServer server;

  private TokenServer(Builder builder) {
    this.grants =
        new TokenGrants(
            builder.users.isEmpty()
                ? Map.of(Credentials.DEFAULT.username(), Credentials.DEFAULT.password())
                : builder.users,
            builder.anonymousAllowed,
            builder.publicRepositories);
    this.service = builder.service;
    this.issuer = builder.issuer;
    this.expiresIn = builder.expiresIn;
    this.realmHost = builder.realmHost;
    this.workDirectory = TestFiles.createTempDirectory("token-server-");
    this.rootCertificateFile = TestFiles.materializeResource("token.pem", workDirectory);
    try {
      this.server =
          LoopbackHttpServer.start(
              "token-server",
              new TokenEndpoint(grants, service, expiresIn, requests::add, this::issueToken));
    } catch (RuntimeException e) {
      TestFiles.deleteRecursively(workDirectory);
      throw e;
    }
  }

  /**
   * Starts configuring a token server.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a token server with the defaults: user {@link Credentials#DEFAULT}, anonymous requests
   * refused, tokens valid for 300 seconds.
   *
   * @return the running server; close it
   */
  public static TokenServer start() {
    return builder().start();
  }

  /**
   * The token endpoint, to be used as the registry's {@code realm}.
   *
   * @return {@code http://127.0.0.1:PORT/token}, or with the host of {@link Builder#realmHost}
   */
  public URI realm() {
    return URI.create("http://" + realmHost + ":" + port() + "/token");
  }

  /**
   * The TCP port.
   *
   * @return the port
   */
  @Override
  public int port() {
    return server.port();
  }

  /**
   * The service name the registry must be configured with.
   *
   * @return the service
   */
  public String service() {
    return service;
  }

  /**
   * The issuer the registry must be configured with.
   *
   * @return the issuer
   */
  public String issuer() {
    return issuer;
  }

  /**
   * A PEM file holding the signing certificate, for the registry's {@code rootcertbundle}; deleted
   * by {@link #close()}.
   *
   * @return the file
   */
  public Path rootCertificateFile() {
    return rootCertificateFile;
  }

  /**
   * The certificate whose key signs the tokens, to verify token signatures in tests.
   *
   * @return the certificate
   */
  public X509Certificate certificate() {
    return TokenSigner.BUNDLED.certificate();
  }

  /**
   * How many token requests arrived since start or the last {@link #reset()}, whatever their
   * outcome.
   *
   * @return the count
   */
  public int requestCount() {
    return requests.size();
  }

  /**
   * The token requests since start or the last {@link #reset()}, oldest first.
   *
   * @return an immutable snapshot
   */
  public List<TokenRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * Every {@code scope} parameter received since start or the last {@link #reset()}, in arrival
   * order.
   *
   * @return an immutable list
   */
  public List<String> requestedScopes() {
    return requests.stream().flatMap(request -> request.scopes().stream()).toList();
  }

  /** Forgets the recorded requests. */
  public void reset() {
    requests.clear();
  }

  /**
   * Issues a token directly, for example an expired one or one for another audience.
   *
   * @param subject the {@code sub} claim
   * @param audience the {@code aud} claim
   * @param access the {@code access} claim
   * @param lifetime the time from {@code iat} to {@code exp}; may be negative for an expired token
   * @return the signed JWT
   */
  public String issueToken(
      String subject, String audience, Collection<TokenAccess> access, Duration lifetime) {
    return TokenSigner.BUNDLED.sign(issuer, subject, audience, access, lifetime);
  }

  /** Stops the server and deletes the certificate file. */
  @Override
  public void close() {
    server.close();
    TestFiles.deleteRecursively(workDirectory);
  }

  @Override
  public String toString() {
    return "TokenServer[" + realm() + "]";
  }

  /** Configures and starts a {@link TokenServer}. */
  public static final class Builder {

    private final Map<String, String> users = new LinkedHashMap<>();
    private final List<String> publicRepositories = new ArrayList<>();
    private String service = DEFAULT_SERVICE;
    private String issuer = DEFAULT_ISSUER;
    private Duration expiresIn = Duration.ofSeconds(300);
    private boolean anonymousAllowed;
    private String realmHost = "127.0.0.1";

    private Builder() {}

    /**
     * The host name the {@link TokenServer#realm() realm} names instead of {@code 127.0.0.1}, such
     * as {@code localhost}: crane (go-containerregistry 0.22) refuses a realm on a loopback or
     * private IP address unless it is the registry's own host and port, but not one named by host
     * name. The server still listens on {@code 127.0.0.1} only.
     *
     * @param host a name that resolves to {@code 127.0.0.1}
     * @return this builder
     */
    public Builder realmHost(String host) {
      this.realmHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * Adds a user; without any, the only user is {@link Credentials#DEFAULT}.
     *
     * @param credentials the user's credentials
     * @return this builder
     */
    public Builder user(Credentials credentials) {
      users.put(credentials.username(), credentials.password());
      return this;
    }

    /**
     * Adds a user; without any, the only user is {@link Credentials#DEFAULT}.
     *
     * @param username the user name
     * @param password the password
     * @return this builder
     */
    public Builder user(String username, String password) {
      return user(new Credentials(username, password));
    }

    /**
     * The default {@code service} and thus the audience the registry expects.
     *
     * @param service the service name
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /**
     * The {@code iss} claim.
     *
     * @param issuer the issuer
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = Objects.requireNonNull(issuer, "issuer");
      return this;
    }

    /**
     * Token lifetime, answered as {@code expires_in}; default 300 seconds.
     *
     * @param expiresIn the lifetime, at least one second
     * @return this builder
     */
    public Builder expiresIn(Duration expiresIn) {
      if (expiresIn.toSeconds() < 1) {
        throw new IllegalArgumentException("expiresIn must be at least one second");
      }
      this.expiresIn = expiresIn;
      return this;
    }

    /**
     * Issues tokens to requests without credentials instead of answering 401; those tokens grant
     * {@code pull} on {@link #publicRepositories(String...) public repositories} only.
     *
     * @return this builder
     */
    public Builder allowAnonymous() {
      this.anonymousAllowed = true;
      return this;
    }

    /**
     * Declares repositories that anonymous clients may pull, and enables anonymous tokens.
     *
     * @param names repository names; {@code *} matches any characters, e.g. {@code public/*}
     * @return this builder
     */
    public Builder publicRepositories(String... names) {
      publicRepositories.addAll(List.of(names));
      return allowAnonymous();
    }

    /**
     * Starts the server.
     *
     * @return the running server; close it
     */
    public TokenServer start() {
      return new TokenServer(this);
    }

    Credentials firstUser() {
      return users.isEmpty()
          ? Credentials.DEFAULT
          : users.entrySet().stream()
              .findFirst()
              .map(e -> new Credentials(e.getKey(), e.getValue()))
              .get();
    }
  }
}
