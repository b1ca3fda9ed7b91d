package dev.imagestreams.registry;

import static dev.imagestreams.registry.testing.RegistryFailures.assertFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.manifest.MediaTypes;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.manifest.PlatformManifest;
import dev.imagestreams.registry.manifest.PlatformPreference;
import dev.imagestreams.registry.reference.ImageReference;
import dev.imagestreams.testinfra.registry.Fault;
import dev.imagestreams.testinfra.registry.FaultProxy;
import dev.imagestreams.testinfra.registry.PushedImage;
import dev.imagestreams.testinfra.registry.PushedIndex;
import dev.imagestreams.testinfra.registry.RegistryExtension;
import dev.imagestreams.testinfra.registry.TestImages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resolution against a real distribution registry (anonymous, plain HTTP, so every access is
 * insecure).
 */
class RegistryClientIT {
  @RegisterExtension static final RegistryExtension REGISTRY = RegistryExtension.anonymous();

  private static final dev.imagestreams.testinfra.registry.Platform AMD64 =
      dev.imagestreams.testinfra.registry.Platform.LINUX_AMD64;
  private static final Access INSECURE = Access.anonymous(true);

  private static PushedImage oci;
  private static PushedImage docker;
  private static PushedIndex index;
  private static PushedIndex list;
  private static FaultProxy proxy;
  private RegistryClient client;

  @BeforeAll
  static void push() {
    oci = REGISTRY.pusher().pushOciImage("engine/app", "oci", AMD64);
    docker = REGISTRY.pusher().pushDockerImage("engine/app", "docker");
    index = REGISTRY.pusher().pushOciIndex("engine/app", "index");
    list = REGISTRY.pusher().pushDockerManifestList("engine/app", "list");
    proxy = FaultProxy.start(REGISTRY.baseUri());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void newClient() {
    client = new RegistryClient(RegistrySettings.builder().build());
    proxy.reset();
  }

  private ImageReference ref(String tag) throws RegistryException {
    return ImageReference.parse(REGISTRY.host() + "/engine/app:" + tag);
  }

  private ImageReference proxied(String tag) throws RegistryException {
    return ImageReference.parse(proxy.host() + "/engine/app:" + tag);
  }

  @Test
  void resolvesAnOciImageWithItsMetadata() throws RegistryException {
    ResolvedImage image = client.resolve(ref("oci"), INSECURE, ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(oci.digest());
    assertThat(image.sourceDigest()).hasToString(oci.digest());
    assertThat(image.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(image.manifestSize()).isEqualTo(oci.manifestSize());
    assertThat(image.layers())
        .extracting(l -> l.digest().toString())
        .containsExactlyElementsOf(oci.layers().stream().map(PushedImage.Layer::digest).toList());
    assertThat(image.size())
        .isEqualTo(oci.layers().stream().mapToLong(PushedImage.Layer::size).sum());
    assertThat(image.pullSpec()).isEqualTo(REGISTRY.host() + "/engine/app@" + oci.digest());
    var m = image.metadata();
    assertThat(m.created()).hasToString(TestImages.CREATED);
    assertThat(m.author()).isEqualTo("imagestream-operator tests");
    assertThat(m.os()).isEqualTo("linux");
    assertThat(m.architecture()).isEqualTo("amd64");
    assertThat(m.user()).isEqualTo("1000:1000");
    assertThat(m.exposedPorts()).containsExactly("8080/tcp");
    assertThat(m.env()).contains("APP_HOME=/app");
    assertThat(m.entrypoint()).containsExactly("/app/bin/server");
    assertThat(m.cmd()).containsExactly("--port", "8080");
    assertThat(m.workingDir()).isEqualTo("/app");
    assertThat(m.labels()).containsEntry(TestImages.REVISION_LABEL, "0");
    assertThat(m.volumes()).containsExactly("/data");
  }

  @Test
  void recordsThePlatformOfASingleImageFromItsConfig() throws RegistryException {
    REGISTRY
        .pusher()
        .pushOciImage(
            "engine/arm", "single", dev.imagestreams.testinfra.registry.Platform.LINUX_ARM64_V8);
    ResolvedImage image =
        client.resolve(
            ImageReference.parse(REGISTRY.host() + "/engine/arm:single"),
            INSECURE,
            ResolveOptions.defaults());
    assertThat(image.platform()).isEqualTo(new Platform("linux", "arm64", "v8"));
    assertThat(client.resolve(ref("docker"), INSECURE, ResolveOptions.defaults()).platform())
        .isEqualTo(Platform.LINUX_AMD64);
  }

  @Test
  void resolvesADockerSchema2Image() throws RegistryException {
    ResolvedImage image = client.resolve(ref("docker"), INSECURE, ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(docker.digest());
    assertThat(image.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
    assertThat(image.metadata().architecture()).isEqualTo("amd64");
  }

  @Test
  void legacyModePicksOnePlatformOfAnOciIndex() throws RegistryException {
    ResolvedImage image = client.resolve(ref("index"), INSECURE, ResolveOptions.defaults());
    assertThat(image.sourceDigest()).hasToString(index.digest());
    assertThat(image.digest()).hasToString(index.child(AMD64).digest());
    assertThat(image.platform()).hasToString("linux/amd64");
    assertThat(image.metadata().architecture()).isEqualTo("amd64");
    assertThat(image.manifests()).isEmpty();

    ResolveOptions arm =
        new ResolveOptions(
            ImportMode.LEGACY,
            List.of(new PlatformPreference(null, "arm64", null), PlatformPreference.LINUX_AMD64));
    ResolvedImage armImage = client.resolve(ref("index"), INSECURE, arm);
    assertThat(armImage.digest())
        .hasToString(
            index.child(dev.imagestreams.testinfra.registry.Platform.LINUX_ARM64_V8).digest());
    assertThat(armImage.metadata().variant()).isEqualTo("v8");
  }

  @Test
  void legacyModePicksOnePlatformOfADockerManifestList() throws RegistryException {
    ResolveOptions arm =
        new ResolveOptions(
            ImportMode.LEGACY, List.of(PlatformPreference.of(Platform.parse("linux/arm64"))));
    ResolvedImage image = client.resolve(ref("list"), INSECURE, arm);
    assertThat(image.sourceDigest()).hasToString(list.digest());
    assertThat(image.digest())
        .hasToString(
            list.child(dev.imagestreams.testinfra.registry.Platform.LINUX_ARM64_V8).digest());
    assertThat(image.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_V2);
  }

  @Test
  void preserveOriginalKeepsTheListAndItsPlatformsWithoutAttestations() throws RegistryException {
    ResolvedImage image = client.resolve(ref("index"), INSECURE, ResolveOptions.preserveOriginal());
    assertThat(image.digest()).hasToString(index.digest());
    assertThat(image.isList()).isTrue();
    assertThat(image.metadata()).isNull();
    assertThat(image.layers()).isEmpty();
    assertThat(image.manifests())
        .extracting(PlatformManifest::platform)
        .extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64/v8");
    assertThat(image.manifests())
        .extracting(PlatformManifest::size)
        .containsExactly(
            (long) index.child(AMD64).manifestSize(),
            (long)
                index
                    .child(dev.imagestreams.testinfra.registry.Platform.LINUX_ARM64_V8)
                    .manifestSize());
  }

  @Test
  void resolvesByDigestAndKeepsTheUsersSpelling() throws RegistryException {
    ImageReference byDigest =
        ImageReference.parse(REGISTRY.host() + "/engine/app:ignored@" + oci.digest());
    ResolvedImage image = client.resolve(byDigest, INSECURE, ResolveOptions.defaults());
    assertThat(image.digest()).hasToString(oci.digest());
    assertThat(image.pullSpec()).isEqualTo(REGISTRY.host() + "/engine/app@" + oci.digest());
  }

  @Test
  void anUnchangedDigestCostsOneHead() throws RegistryException {
    client.resolve(proxied("index"), INSECURE, ResolveOptions.defaults());
    proxy.clearRequests();
    ResolvedImage again = client.resolve(proxied("index"), INSECURE, ResolveOptions.defaults());
    assertThat(again.digest()).hasToString(index.child(AMD64).digest());
    assertThat(proxy.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly("HEAD /v2/engine/app/manifests/index");
  }

  @Test
  void aNewReferenceCostsOnlyTheGetsItNeeds() throws RegistryException {
    ResolvedImage resolved = client.resolve(proxied("index"), INSECURE, ResolveOptions.defaults());
    assertThat(resolved.sourceDigest()).hasToString(index.digest());
    assertThat(proxy.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "GET /v2/",
            "GET /v2/engine/app/manifests/index",
            "GET /v2/engine/app/manifests/" + index.child(AMD64).digest(),
            "GET /v2/engine/app/blobs/" + index.child(AMD64).configDigest());
    assertThat(proxy.requests("GET", "/v2/engine/app/manifests/index").get(0).header("Accept"))
        .hasValueSatisfying(
            accept ->
                assertThat(accept)
                    .contains(
                        MediaTypes.OCI_INDEX,
                        MediaTypes.OCI_MANIFEST,
                        MediaTypes.DOCKER_MANIFEST_LIST,
                        MediaTypes.DOCKER_MANIFEST_V2));
  }

  @Test
  void aKnownTagWithANewDigestCostsHeadPlusTheGetsItNeeds() throws RegistryException {
    REGISTRY.pusher().pushOciImage("engine/moves", "v1", AMD64, 1);
    ImageReference tag = ImageReference.parse(proxy.host() + "/engine/moves:v1");
    client.resolve(tag, INSECURE, ResolveOptions.defaults());
    PushedImage moved = REGISTRY.pusher().pushOciImage("engine/moves", "v1", AMD64, 2);
    proxy.clearRequests();
    assertThat(client.resolve(tag, INSECURE, ResolveOptions.defaults()).digest())
        .hasToString(moved.digest());
    assertThat(proxy.requests())
        .extracting(r -> r.method() + " " + r.path())
        .containsExactly(
            "HEAD /v2/engine/moves/manifests/v1",
            "GET /v2/engine/moves/manifests/" + moved.digest(),
            "GET /v2/engine/moves/blobs/" + moved.configDigest());
    assertThat(proxy.requests("HEAD", ".*").get(0).header("Accept").orElseThrow())
        .contains(
            MediaTypes.OCI_INDEX,
            MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.DOCKER_MANIFEST_V2);
  }

  @Test
  void importsOfOneDigestThatOverlapFetchItsConfigOnce() throws Exception {
    PushedImage shared = REGISTRY.pusher().pushOciImage("engine/app", "overlap-0", AMD64, 7);
    for (int i = 1; i < 8; i++) {
      REGISTRY.pusher().tag("engine/app", shared.digest(), "overlap-" + i);
    }
    // every import has its manifest before any goes on: the eight certainly overlap
    proxy
        .when("GET", "/v2/engine/app/manifests/overlap-.*")
        .times(8)
        .then(Fault.holdUntilArrived(8, Duration.ofSeconds(20)));
    ExecutorService imports = Executors.newFixedThreadPool(8);
    try {
      List<Future<ResolvedImage>> resolved = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        ImageReference tag = proxied("overlap-" + i);
        resolved.add(
            imports.submit(() -> client.resolve(tag, INSECURE, ResolveOptions.defaults())));
      }
      for (int i = 0; i < 8; i++) {
        ResolvedImage image = resolved.get(i).get(30, TimeUnit.SECONDS);
        assertThat(image.digest()).hasToString(shared.digest());
        assertThat(image.reference()).hasToString(proxy.host() + "/engine/app:overlap-" + i);
      }
    } finally {
      imports.shutdownNow();
    }
    assertThat(proxy.count("GET", "/v2/engine/app/manifests/overlap-.*"))
        .as("each new tag's manifest")
        .isEqualTo(8);
    assertThat(proxy.count("HEAD", ".*")).isZero();
    assertThat(proxy.count("GET", "/v2/engine/app/blobs/" + shared.configDigest()))
        .as("one config GET")
        .isEqualTo(1);
  }

  @Test
  void headReturnsTheDigestWithoutDownloading() throws RegistryException {
    ManifestHead head = client.head(proxied("list"), INSECURE);
    assertThat(head.digest()).hasToString(list.digest());
    assertThat(head.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    assertThat(proxy.count("GET", "/v2/engine/app/manifests/.*")).isZero();
  }

  @Test
  void unknownTagIsNotFoundWithTheRegistryCode() {
    assertFailsWith(
            ErrorKind.NOT_FOUND,
            () -> client.resolve(ref("nope"), INSECURE, ResolveOptions.defaults()))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
              assertThat(e.registryCode()).contains("MANIFEST_UNKNOWN");
              assertThat(e.httpStatus()).hasValue(404);
            })
        .hasMessageContaining("engine/app:nope")
        .hasMessageContaining("manifest nope does not exist");
  }

  @Test
  void unknownRepositoryIsNotFound() {
    assertThatThrownBy(
            () ->
                client.resolve(
                    ImageReference.parse(REGISTRY.host() + "/no/such/repo:1"),
                    INSECURE,
                    ResolveOptions.defaults()))
        .hasMessageContaining("not found");
  }

  @Test
  void httpOnlyRegistryWithoutInsecureIsABadRequest() {
    assertFailsWith(
            ErrorKind.BAD_REQUEST,
            () -> client.resolve(ref("oci"), Access.anonymous(false), ResolveOptions.defaults()))
        .hasMessage(
            "the repository "
                + REGISTRY.host()
                + "/engine/app:oci is HTTP only and requires the insecure flag to import");
  }

  @Test
  void httpOnlyStaysRefusedAfterAnInsecureRequestLearnedTheScheme() throws RegistryException {
    client.resolve(ref("oci"), INSECURE, ResolveOptions.defaults());
    assertFailsWith(ErrorKind.BAD_REQUEST, () -> client.head(ref("oci"), Access.anonymous(false)));
  }

  @Test
  void blockedRegistryIsForbiddenWithoutAnyRequest() {
    RegistryClient blocked =
        new RegistryClient(
            RegistrySettings.builder()
                .blockedRegistries(
                    dev.imagestreams.registry.reference.RegistryPatterns.parse(
                        List.of(proxy.host())))
                .build());
    assertFailsWith(
            ErrorKind.FORBIDDEN,
            () -> blocked.resolve(proxied("oci"), INSECURE, ResolveOptions.defaults()))
        .hasMessage("registry " + proxy.host() + " blocked");
    assertThat(proxy.requests()).isEmpty();
  }

  @Test
  void aMovedTagResolvesToTheNewDigest() throws RegistryException {
    PushedImage first = REGISTRY.pusher().pushOciImage("engine/moving", "v1", AMD64, 1);
    ImageReference moving = ImageReference.parse(REGISTRY.host() + "/engine/moving:v1");
    assertThat(client.resolve(moving, INSECURE, ResolveOptions.defaults()).digest())
        .hasToString(first.digest());
    PushedImage second = REGISTRY.pusher().pushOciImage("engine/moving", "v1", AMD64, 2);
    ResolvedImage moved = client.resolve(moving, INSECURE, ResolveOptions.defaults());
    assertThat(moved.digest()).hasToString(second.digest()).isNotEqualTo(first.digest());
    assertThat(moved.metadata().labels()).containsEntry(TestImages.REVISION_LABEL, "2");
  }
}
