package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultProxyIT {

  @RegisterExtension static RegistryExtension registry = RegistryExtension.anonymous();

  @RegisterExtension static RegistryExtension tokenRegistry = RegistryExtension.tokenAuth();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFEST_PATH = "/v2/fault/app/manifests/1.0";
  private static PushedImage image;

  private FaultProxy proxy;

  @BeforeAll
  static void pushFixture() {
    image = registry.pusher().pushOciImage("fault/app", "1.0", Platform.LINUX_AMD64);
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.start(registry.baseUri());
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  @Test
  void forwardsManifestGetAndHeadUnchanged() {
    HttpResponse<byte[]> get = get(viaProxy(MANIFEST_PATH));
    assertEquals(200, get.statusCode());
    assertArrayEquals(image.manifest(), get.body());
    assertEquals(image.digest(), Http.header(get, "Docker-Content-Digest"));
    assertEquals(MediaTypes.OCI_MANIFEST, Http.header(get, "Content-Type"));
    assertEquals("registry/2.0", Http.header(get, "Docker-Distribution-Api-Version"));

    HttpResponse<byte[]> head = head(viaProxy(MANIFEST_PATH));
    assertEquals(200, head.statusCode());
    assertEquals(0, head.body().length);
    assertEquals(Long.toString(image.manifestSize()), Http.header(head, "Content-Length"));
    assertEquals(image.digest(), Http.header(head, "Docker-Content-Digest"));

    HttpResponse<byte[]> missing = get(viaProxy("/v2/fault/app/manifests/missing"));
    assertEquals(404, missing.statusCode());
    assertTrue(Http.text(missing).contains("MANIFEST_UNKNOWN"));
  }

  @Test
  void forwardsMethodPathQueryHeadersAndBodyAndReturnsTheUpstreamAnswer() {
    try (RecordingServer upstream = RecordingServer.start();
        FaultProxy toRecorder = FaultProxy.start(upstream.baseUri())) {
      upstream.respondWith(
          201,
          Map.of("X-Upstream", "yes", "Content-Type", "text/plain"),
          "created".getBytes(StandardCharsets.UTF_8));
      HttpResponse<byte[]> response =
          Http.send(
              Http.builder(
                      toRecorder
                          .baseUri()
                          .resolve("/v2/a/b/blobs/uploads/x%2Fy?digest=sha256%3Aab&n=1&n=2"),
                      "Authorization",
                      "Bearer secret-token",
                      "X-Custom",
                      "1")
                  .method("PATCH", HttpRequest.BodyPublishers.ofString("payload"))
                  .build());

      assertEquals(201, response.statusCode());
      assertEquals("yes", Http.header(response, "X-Upstream"));
      assertEquals("created", Http.text(response));
      RecordedRequest received = upstream.requests().get(0);
      assertEquals("PATCH", received.method());
      assertEquals("/v2/a/b/blobs/uploads/x%2Fy", received.path());
      assertEquals("digest=sha256%3Aab&n=1&n=2", received.query());
      assertEquals("Bearer secret-token", received.authorization().orElseThrow());
      assertEquals("1", received.header("x-custom").orElseThrow());
      assertEquals("payload", new String(received.body(), StandardCharsets.UTF_8));
      assertEquals(received.authorization(), toRecorder.requests().get(0).authorization());
    }
  }

  @Test
  void pushGoesThroughTheProxyAndIsRecorded() {
    PushedImage pushed =
        new ImagePusher(proxy.baseUri())
            .pushDockerImage("fault/pushed", "1", Platform.LINUX_AMD64, 4);
    assertEquals(proxy.host() + "/fault/pushed:1", pushed.reference());
    assertEquals(3, proxy.count("HEAD", "/v2/fault/pushed/blobs/sha256:[0-9a-f]+"));
    assertEquals(3, proxy.count("POST", "/v2/fault/pushed/blobs/uploads/"));
    assertEquals(
        3,
        proxy.count("PUT", "/v2/fault/pushed/blobs/uploads/.+"),
        "upload Location points at the proxy");
    assertEquals(1, proxy.count("PUT", "/v2/fault/pushed/manifests/1"));
    assertEquals(
        pushed.digest(),
        Http.header(
            Http.head(
                registry.baseUri().resolve("/v2/fault/pushed/manifests/1"),
                "Accept",
                MediaTypes.DOCKER_MANIFEST),
            "Docker-Content-Digest"));
  }

  @Test
  void countsRequestsPerMethodAndPath() {
    head(viaProxy(MANIFEST_PATH));
    head(viaProxy(MANIFEST_PATH));
    get(viaProxy(MANIFEST_PATH));
    get(viaProxy("/v2/"));
    assertEquals(2, proxy.count("HEAD", MANIFEST_PATH));
    assertEquals(1, proxy.count("GET", MANIFEST_PATH));
    assertEquals(3, proxy.count("*", "/v2/fault/.*"));
    assertEquals(4, proxy.requests().size());
    proxy.clearRequests();
    assertEquals(0, proxy.requests().size());
  }

  @Test
  void tooManyRequestsOnlyTheFirstTime() throws IOException {
    FaultProxy.Rule rule =
        proxy
            .when("GET", "/v2/.+/manifests/.+")
            .once()
            .then(Fault.tooManyRequests(Duration.ofSeconds(2)));

    HttpResponse<byte[]> limited = get(viaProxy(MANIFEST_PATH));
    assertEquals(429, limited.statusCode());
    assertEquals("2", Http.header(limited, "Retry-After"));
    assertEquals("100;w=21600", Http.header(limited, "ratelimit-limit"));
    assertEquals("0;w=21600", Http.header(limited, "ratelimit-remaining"));
    assertEquals("application/json", Http.header(limited, "Content-Type"));
    JsonNode error = JSON.readTree(limited.body()).get("errors").get(0);
    assertEquals("TOOMANYREQUESTS", error.get("code").asText());

    assertEquals(200, get(viaProxy(MANIFEST_PATH)).statusCode());
    assertEquals(1, rule.hits());
    assertEquals(2, proxy.count("GET", MANIFEST_PATH));
  }

  @Test
  void serverErrorsAndCustomStatuses() {
    proxy.when("GET", MANIFEST_PATH).times(2).then(Fault.serverError());
    proxy.when("GET", MANIFEST_PATH).once().then(Fault.serviceUnavailable());
    proxy
        .when(null, "/v2/custom")
        .then(Fault.status(418, Map.of("X-Fault", "teapot"), "{\"short\":\"stout\"}"));

    HttpResponse<byte[]> first = get(viaProxy(MANIFEST_PATH));
    assertEquals(500, first.statusCode());
    assertTrue(Http.text(first).contains("\"code\":\"UNKNOWN\""), Http.text(first));
    assertEquals(500, get(viaProxy(MANIFEST_PATH)).statusCode());
    HttpResponse<byte[]> third = get(viaProxy(MANIFEST_PATH));
    assertEquals(503, third.statusCode());
    assertTrue(Http.text(third).contains("UNAVAILABLE"));
    assertEquals(200, get(viaProxy(MANIFEST_PATH)).statusCode());

    HttpResponse<byte[]> custom = head(viaProxy("/v2/custom"));
    assertEquals(418, custom.statusCode());
    assertEquals("teapot", Http.header(custom, "X-Fault"));
    assertEquals(0, custom.body().length);
    assertEquals("{\"short\":\"stout\"}", Http.text(get(viaProxy("/v2/custom"))));
  }

  @Test
  void slowBodySendsHeadersFirstAndStallsBeforeTheBody() throws Exception {
    Duration delay = Duration.ofMillis(800);
    proxy.when("GET", MANIFEST_PATH).then(Fault.slowBody(delay));
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        Http.CLIENT.send(
            Http.builder(viaProxy(MANIFEST_PATH), "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS)
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    long headersMillis = elapsedMillis(start);
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readAllBytes();
    }
    long bodyMillis = elapsedMillis(start);

    assertEquals(200, response.statusCode());
    assertEquals(Long.toString(image.manifestSize()), Http.header(response, "Content-Length"));
    assertTrue(headersMillis < delay.toMillis() / 2, "headers after " + headersMillis + " ms");
    assertTrue(bodyMillis >= delay.toMillis() - 50, "body after " + bodyMillis + " ms");
    assertArrayEquals(image.manifest(), body);
  }

  @Test
  void slowHeadersDelaysTheWholeResponse() {
    proxy.when("GET", "/v2/").then(Fault.slowHeaders(Duration.ofMillis(300)));
    long start = System.nanoTime();
    assertEquals(200, get(viaProxy("/v2/")).statusCode());
    assertTrue(elapsedMillis(start) >= 250);
  }

  @Test
  void hangNeverAnswersButOtherRequestsProceedAndCloseDoesNotWait() throws Exception {
    proxy.when("GET", "/v2/fault/app/manifests/hang").then(Fault.hang());

    HttpTimeoutException timeout =
        assertThrows(
            HttpTimeoutException.class,
            () ->
                Http.CLIENT.send(
                    Http.builder(viaProxy("/v2/fault/app/manifests/hang"))
                        .timeout(Duration.ofMillis(300))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofByteArray()));
    assertNotEquals(null, timeout);

    CompletableFuture<HttpResponse<byte[]>> hung =
        Http.CLIENT.sendAsync(
            Http.builder(viaProxy("/v2/fault/app/manifests/hang"))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    Await.until(
        "the hanging request reached the proxy",
        () -> proxy.count("GET", "/v2/fault/app/manifests/hang") == 2,
        Duration.ofSeconds(5));
    assertEquals(
        200, get(viaProxy(MANIFEST_PATH)).statusCode(), "served while another exchange hangs");
    assertFalse(hung.isDone());

    long start = System.nanoTime();
    proxy.close();
    assertTrue(elapsedMillis(start) < 1000, "close() took " + elapsedMillis(start) + " ms");
    ExecutionException failed =
        assertThrows(ExecutionException.class, () -> hung.get(10, TimeUnit.SECONDS));
    assertInstanceOf(IOException.class, failed.getCause());
  }

  @Test
  void truncateBodyAnnouncesFullLengthAndClosesEarly() throws IOException {
    proxy.when("GET", MANIFEST_PATH).then(Fault.truncateBody(10));

    UncheckedIOException failure =
        assertThrows(UncheckedIOException.class, () -> get(viaProxy(MANIFEST_PATH)));
    assertInstanceOf(IOException.class, failure.getCause());

    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 2000);
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              ("GET "
                      + MANIFEST_PATH
                      + " HTTP/1.1\r\nHost: "
                      + proxy.host()
                      + "\r\nAccept: "
                      + MediaTypes.OCI_MANIFEST
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      int end = raw.indexOf("\r\n\r\n");
      String headers = raw.substring(0, end).toLowerCase();
      assertTrue(headers.startsWith("http/1.1 200"), headers);
      assertTrue(headers.contains("content-length: " + image.manifestSize()), headers);
      assertEquals(10, raw.length() - end - 4, "body bytes received before the connection closed");
    }
  }

  @Test
  void tamperManifestBreaksTheDigestButKeepsTheHeader() throws IOException {
    proxy.when("GET", "/v2/.+/manifests/.+").then(Fault.tamperManifest());
    HttpResponse<byte[]> response = get(viaProxy(MANIFEST_PATH));
    assertEquals(200, response.statusCode());
    assertEquals(image.digest(), Http.header(response, "Docker-Content-Digest"));
    assertNotEquals(image.digest(), Digests.sha256(response.body()));
    assertArrayEquals(image.manifest(), Arrays.copyOf(response.body(), response.body().length - 1));
    assertEquals(' ', response.body()[response.body().length - 1]);
    assertEquals(Integer.toString(response.body().length), Http.header(response, "Content-Length"));
    assertEquals(
        JSON.readTree(image.manifest()), JSON.readTree(response.body()), "still valid JSON");
    assertEquals(200, head(viaProxy(MANIFEST_PATH)).statusCode(), "HEAD passes");
  }

  @Test
  void oversizeAnswersTheRequestedNumberOfBytesOfValidJson() throws IOException {
    long size = 5L * 1024 * 1024;
    proxy.when("*", MANIFEST_PATH).then(Fault.oversize(size));
    HttpResponse<byte[]> response = get(viaProxy(MANIFEST_PATH));
    assertEquals(200, response.statusCode());
    assertEquals(Long.toString(size), Http.header(response, "Content-Length"));
    assertEquals(size, response.body().length);
    assertEquals(JSON.readTree(image.manifest()), JSON.readTree(response.body()));

    HttpResponse<byte[]> head = head(viaProxy(MANIFEST_PATH));
    assertEquals(Long.toString(size), Http.header(head, "Content-Length"));
    assertEquals(0, head.body().length);
  }

  @Test
  void redirectToAnotherHostThatRecordsWhatTheClientSends() {
    try (RecordingServer storage = RecordingServer.start()) {
      storage.respondWith(200, "application/octet-stream", "blob-bytes");
      String blobPath = "/v2/fault/app/blobs/" + image.configDigest();
      proxy.when("GET", "/v2/.+/blobs/.+").then(Fault.redirectTo(storage.baseUri()));

      HttpResponse<byte[]> redirect =
          Http.get(viaProxy(blobPath), "Authorization", "Bearer registry-token");
      assertEquals(307, redirect.statusCode());
      String location = Http.header(redirect, "Location");
      assertEquals(storage.baseUri() + blobPath, location);

      HttpResponse<byte[]> followed =
          Http.get(URI.create(location), "Authorization", "Bearer registry-token");
      assertEquals("blob-bytes", Http.text(followed));
      RecordedRequest received = storage.requests().get(0);
      assertEquals(blobPath, received.path());
      assertEquals("Bearer registry-token", received.authorization().orElseThrow());
      assertEquals(1, storage.requestCount());
      storage.clear();
      assertEquals(0, storage.requestCount());
    }
  }

  @Test
  void rewriteChallengeReplacesTheRealmOf401s() {
    try (FaultProxy tokenProxy = FaultProxy.start(tokenRegistry.baseUri())) {
      tokenProxy.when("*", "/v2/.*").then(Fault.rewriteChallenge("http://169.254.169.254/token"));
      HttpResponse<byte[]> response = Http.get(tokenProxy.baseUri().resolve(MANIFEST_PATH));
      assertEquals(401, response.statusCode());
      assertEquals(
          "Bearer realm=\"http://169.254.169.254/token\",service=\""
              + TokenServer.DEFAULT_SERVICE
              + "\",scope=\"repository:fault/app:pull\"",
          Http.header(response, "WWW-Authenticate"));
      assertTrue(Http.text(response).contains("UNAUTHORIZED"));
    }
  }

  @Test
  void rewriteChallengeHeaderReplacesTheWholeHeader() {
    try (FaultProxy tokenProxy = FaultProxy.start(tokenRegistry.baseUri())) {
      String reordered =
          "Bearer scope=\"repository:one:pull\",service=\""
              + TokenServer.DEFAULT_SERVICE
              + "\",realm=\""
              + tokenRegistry.tokenServer().realm()
              + "\"";
      FaultProxy.Rule rule =
          tokenProxy
              .when("GET", "/v2/one/manifests/x")
              .then(Fault.rewriteChallengeHeader("Basic realm=\"legacy\", " + reordered));
      tokenProxy
          .when("GET", "/v2/two/manifests/x")
          .then(Fault.rewriteChallengeHeader("Basic realm=\"legacy\"", reordered));

      HttpResponse<byte[]> one = Http.get(tokenProxy.baseUri().resolve("/v2/one/manifests/x"));
      assertEquals(401, one.statusCode());
      assertEquals(
          List.of("Basic realm=\"legacy\", " + reordered),
          one.headers().allValues("WWW-Authenticate"));
      HttpResponse<byte[]> two = Http.get(tokenProxy.baseUri().resolve("/v2/two/manifests/x"));
      assertEquals(
          List.of("Basic realm=\"legacy\"", reordered),
          two.headers().allValues("WWW-Authenticate"));
      assertEquals(1, rule.hits());

      proxy.when("GET", "/v2/").then(Fault.rewriteChallengeHeader("Basic realm=\"x\""));
      HttpResponse<byte[]> anonymous = get(viaProxy("/v2/"));
      assertEquals(200, anonymous.statusCode(), "only 401 answers are rewritten");
      assertNull(Http.header(anonymous, "WWW-Authenticate"));
    }
  }

  @Test
  void rulesCanBeRemovedAndCleared() {
    FaultProxy.Rule rule = proxy.when("GET", MANIFEST_PATH).then(Fault.serverError());
    proxy.when("HEAD", MANIFEST_PATH).then(Fault.serviceUnavailable());
    assertEquals(500, get(viaProxy(MANIFEST_PATH)).statusCode());
    assertEquals(503, head(viaProxy(MANIFEST_PATH)).statusCode());
    rule.remove();
    assertEquals(200, get(viaProxy(MANIFEST_PATH)).statusCode());
    assertEquals(503, head(viaProxy(MANIFEST_PATH)).statusCode());
    proxy.reset();
    assertEquals(200, head(viaProxy(MANIFEST_PATH)).statusCode());
    assertEquals(1, proxy.requests().size());
  }

  @Test
  void unreachableUpstreamAnswers502() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (FaultProxy broken = FaultProxy.start(URI.create("http://127.0.0.1:" + closedPort))) {
      HttpResponse<byte[]> response = Http.get(broken.baseUri().resolve("/v2/"));
      assertEquals(502, response.statusCode());
      assertTrue(Http.text(response).contains("ConnectException"), Http.text(response));
    }
  }

  /**
   * Distribution 2.8.2 answers 404 MANIFEST_UNKNOWN to a GET of an OCI manifest that does not
   * accept OCI.
   */
  private static HttpResponse<byte[]> get(URI uri) {
    return Http.get(uri, "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
  }

  private static HttpResponse<byte[]> head(URI uri) {
    return Http.head(uri, "Accept", MediaTypes.ACCEPT_ALL_MANIFESTS);
  }

  private URI viaProxy(String path) {
    return proxy.baseUri().resolve(path);
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
