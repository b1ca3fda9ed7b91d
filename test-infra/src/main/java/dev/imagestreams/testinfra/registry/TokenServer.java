package dev.imagestreams.testinfra.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final KeyMaterial KEYS = KeyMaterial.loadBundled();

  private final Map<String, String> users;
  private final String service;
  private final String issuer;
  private final Duration expiresIn;
  private final boolean anonymousAllowed;
  private final List<Pattern> publicRepositories;
  private final String realmHost;
  private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
  private final Path workDirectory;
  private final Path rootCertificateFile;
  private final LoopbackHttpServer server;

  private TokenServer(Builder builder) {
    this.users =
        Map.copyOf(
            builder.users.isEmpty()
                ? Map.of(Credentials.DEFAULT.username(), Credentials.DEFAULT.password())
                : builder.users);
    this.service = builder.service;
    this.issuer = builder.issuer;
    this.expiresIn = builder.expiresIn;
    this.anonymousAllowed = builder.anonymousAllowed;
    this.publicRepositories =
        builder.publicRepositories.stream().map(TokenServer::globToPattern).toList();
    this.realmHost = builder.realmHost;
    this.workDirectory = TestFiles.createTempDirectory("token-server-");
    this.rootCertificateFile = TestFiles.materializeResource("token.pem", workDirectory);
    try {
      this.server = LoopbackHttpServer.start("token-server", this::handle);
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
    return KEYS.certificate();
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
      String subject, String audience, Collection<Access> access, Duration lifetime) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Instant expiry = now.plus(lifetime);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    header.put("x5c", List.of(Base64.getEncoder().encodeToString(KEYS.certificateDer())));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", issuer);
    claims.put("sub", subject);
    claims.put("aud", audience);
    claims.put("exp", expiry.getEpochSecond());
    claims.put("nbf", Math.min(now.getEpochSecond(), expiry.getEpochSecond()));
    claims.put("iat", now.getEpochSecond());
    claims.put("jti", UUID.randomUUID().toString());
    claims.put("access", access.stream().map(Access::toClaim).toList());
    String signingInput =
        BASE64URL.encodeToString(json(header)) + "." + BASE64URL.encodeToString(json(claims));
    try {
      Signature signature = Signature.getInstance("SHA256withRSA");
      signature.initSign(KEYS.privateKey());
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign token", e);
    }
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

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      Map<String, List<String>> query = parseQuery(exchange.getRequestURI().getRawQuery());
      List<String> scopes =
          query.getOrDefault("scope", List.of()).stream()
              .flatMap(scope -> Arrays.stream(scope.split(" ")))
              .filter(scope -> !scope.isEmpty())
              .toList();
      String requestedService = query.getOrDefault("service", List.of(service)).get(0);
      if (!"GET".equals(exchange.getRequestMethod())
          || !"/token".equals(exchange.getRequestURI().getPath())) {
        record(exchange, null, requestedService, scopes, 404);
        sendError(exchange, 404, "NOT_FOUND", "only GET /token is served here");
        return;
      }
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      String user;
      List<Access> granted;
      if (authorization == null) {
        if (!anonymousAllowed) {
          record(exchange, null, requestedService, scopes, 401);
          sendError(
              exchange,
              401,
              "UNAUTHORIZED",
              "anonymous tokens are not issued; send Basic credentials");
          return;
        }
        user = null;
        granted = anonymousAccess(scopes);
      } else {
        user = authenticate(authorization);
        if (user == null) {
          record(exchange, null, requestedService, scopes, 401);
          sendError(exchange, 401, "UNAUTHORIZED", "incorrect username or password");
          return;
        }
        granted = scopes.stream().map(Access::parse).filter(Objects::nonNull).toList();
      }
      record(exchange, user, requestedService, scopes, 200);
      Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String token = issueToken(user == null ? "" : user, requestedService, granted, expiresIn);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("token", token);
      body.put("access_token", token);
      body.put("expires_in", expiresIn.toSeconds());
      body.put("issued_at", issuedAt.toString());
      send(exchange, 200, json(body));
    }
  }

  private List<Access> anonymousAccess(List<String> scopes) {
    List<Access> granted = new ArrayList<>();
    for (String scope : scopes) {
      Access access = Access.parse(scope);
      if (access != null
          && "repository".equals(access.type())
          && access.actions().contains("pull")
          && publicRepositories.stream()
              .anyMatch(pattern -> pattern.matcher(access.name()).matches())) {
        granted.add(new Access(access.type(), access.name(), List.of("pull")));
      }
    }
    return granted;
  }

  private String authenticate(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    String username = decoded.substring(0, colon);
    String password = users.get(username);
    return password != null && password.equals(decoded.substring(colon + 1)) ? username : null;
  }

  private void record(
      HttpExchange exchange,
      String user,
      String requestedService,
      List<String> scopes,
      int status) {
    requests.add(
        new TokenRequest(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("Authorization") != null,
            user,
            requestedService,
            scopes,
            status));
  }

  private static void sendError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", code);
    error.put("message", message);
    error.put("detail", null);
    if (status == 401) {
      exchange
          .getResponseHeaders()
          .set("WWW-Authenticate", "Basic realm=\"imagestream-test-token-server\"");
    }
    send(exchange, status, json(Map.of("errors", List.of(error))));
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return parameters;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name =
          URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value =
          equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static Pattern globToPattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString());
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * One entry of the token's {@code access} claim, also the parsed form of a {@code scope}
   * parameter ({@code type:name:action,action}).
   *
   * @param type the resource type, usually {@code repository}
   * @param name the resource name, for example {@code team/app}
   * @param actions the actions, for example {@code pull} and {@code push}
   */
  public record Access(String type, String name, List<String> actions) {

    /**
     * Validates and copies the components.
     *
     * @param type the resource type
     * @param name the resource name
     * @param actions the actions
     */
    public Access {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(name, "name");
      actions = List.copyOf(actions);
    }

    /**
     * Parses a scope such as {@code repository:team/app:pull,push}.
     *
     * @param scope the scope
     * @return the access, or {@code null} when the scope is malformed
     */
    public static Access parse(String scope) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first <= 0 || last == first) {
        return null;
      }
      Set<String> actions = new LinkedHashSet<>();
      for (String action : scope.substring(last + 1).split(",")) {
        if (!action.isBlank()) {
          actions.add(action.trim());
        }
      }
      return new Access(
          scope.substring(0, first), scope.substring(first + 1, last), List.copyOf(actions));
    }

    private Map<String, Object> toClaim() {
      Map<String, Object> claim = new LinkedHashMap<>();
      claim.put("type", type);
      claim.put("name", name);
      claim.put("actions", actions);
      return claim;
    }
  }

  /**
   * A request the token server received.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param hadAuthorization whether an {@code Authorization} header was sent
   * @param user the authenticated user, or {@code null} for anonymous and rejected requests
   * @param service the {@code service} parameter (the configured service when absent)
   * @param scopes the {@code scope} parameters, space-separated lists split up
   * @param status the HTTP status answered
   */
  public record TokenRequest(
      String method,
      String path,
      boolean hadAuthorization,
      String user,
      String service,
      List<String> scopes,
      int status) {

    /**
     * Copies the scopes.
     *
     * @param method the HTTP method
     * @param path the request path
     * @param hadAuthorization whether an {@code Authorization} header was sent
     * @param user the authenticated user
     * @param service the service parameter
     * @param scopes the scope parameters
     * @param status the HTTP status answered
     */
    public TokenRequest {
      scopes = List.copyOf(scopes);
    }
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

  private record KeyMaterial(
      PrivateKey privateKey, X509Certificate certificate, byte[] certificateDer) {

    static KeyMaterial loadBundled() {
      try {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = new ByteArrayInputStream(TestFiles.readResource("token.p12"))) {
          keyStore.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) keyStore.getKey(KEY_ALIAS, KEYSTORE_PASSWORD.toCharArray());
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(KEY_ALIAS);
        if (key == null || certificate == null) {
          throw new IllegalStateException("token.p12 has no key entry '" + KEY_ALIAS + "'");
        }
        X509Certificate pem =
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(
                        new ByteArrayInputStream(TestFiles.readResource("token.pem")));
        if (!pem.equals(certificate)) {
          throw new IllegalStateException(
              "token.pem does not hold the certificate of token.p12; "
                  + "regenerate it with keytool -exportcert -rfc");
        }
        return new KeyMaterial(key, certificate, certificate.getEncoded());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load token.p12", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot load token.p12", e);
      }
    }
  }
}
