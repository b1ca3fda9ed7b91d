package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.DockerConfig;
import dev.imagestreams.api.v1.DockerImageMetadata;
import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageLayer;
import dev.imagestreams.api.v1.ImageManifest;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.manifest.ImageMetadata;
import dev.imagestreams.registry.manifest.PlatformManifest;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The metadata of the image a tag's status recorded, by the digest recorded (so a tag that has
 * moved on in its registry still describes the image the cluster has).
 *
 * <p>The operator keeps the full record of each tag's current image in {@code status.images}; that
 * is used when present and complete (no registry request, no credentials). Otherwise (a record cut
 * down to its size bound, or none) the image is read from its registry with the registry module's
 * engine, by digest, with the user's registry credentials ({@link RegistryAuthFile}).
 */
public final class RecordedImages {
  private static final String INSECURE_ANNOTATION = "openshift.io/image.insecureRepository";

  /** Reads an image by digest from its registry. */
  public interface Registry {
    ResolvedImage resolve(ImageReference reference, boolean insecure) throws RegistryException;
  }

  private final Registry registry;

  public RecordedImages(Registry registry) {
    this.registry = registry;
  }

  /** Reads from the registries with the user's credentials (lazily: only when needed). */
  public static RecordedImages fromRegistries(boolean insecureFlag) {
    return fromRegistries(insecureFlag, System.getenv());
  }

  /**
   * Reads from the registries with the credentials the environment points at ({@link
   * RegistryAuthFile}).
   */
  public static RecordedImages fromRegistries(boolean insecureFlag, Map<String, String> env) {
    return new RecordedImages(
        new Registry() {
          private RegistryClient client;
          private CredentialStore credentials;

          @Override
          public ResolvedImage resolve(ImageReference reference, boolean insecure)
              throws RegistryException {
            if (client == null) {
              client = new RegistryClient(RegistrySettings.builder().build());
              credentials = RegistryAuthFile.load(env);
            }
            boolean allowInsecure = insecure || insecureFlag;
            Access access =
                credentials
                    .lookup(reference)
                    .map(c -> Access.withCredentials(c, allowInsecure))
                    .orElse(Access.anonymous(allowInsecure));
            return client.resolve(reference, access, ResolveOptions.preserveOriginal());
          }
        });
  }

  /** The image the event recorded. */
  public Image find(ImageStream stream, String tag, TagEvent event) {
    Optional<Image> recorded =
        stream.getStatus() == null ? Optional.empty() : stream.getStatus().image(event.image());
    if (recorded.isPresent() && !Boolean.TRUE.equals(recorded.get().metadataTruncated())) {
      return recorded.get();
    }
    boolean insecure =
        "true".equals(stream.annotation(INSECURE_ANNOTATION))
            || stream.getSpec() != null
                && stream.getSpec().tag(tag).map(t -> t.insecureImport()).orElse(false);
    String recordedReference = event.dockerImageReference();
    try {
      // parsing is inside: an invalid reference is the registry library's failure either way
      return toImage(registry.resolve(ImageReference.parse(recordedReference), insecure));
    } catch (RegistryException e) {
      throw new CommandFailure(
          "cannot read the metadata of "
              + recordedReference
              + " from its registry ("
              + e.kind().reason()
              + "): "
              + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(
          "the recorded image "
              + recordedReference
              + " is not a valid reference: "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A resolved image in OpenShift's Image form. The operator has the same mapping
   * (operator/status/ImageRecords); they belong in one shared place once one module holds both the
   * model and the engine.
   */
  static Image toImage(ResolvedImage image) {
    DockerImageMetadata metadata = null;
    List<ImageLayer> layers = null;
    if (image.metadata() != null) {
      ImageMetadata m = image.metadata();
      DockerConfig config =
          new DockerConfig(
              m.user(),
              set(m.exposedPorts()),
              m.env(),
              m.cmd(),
              m.entrypoint(),
              m.workingDir(),
              m.labels().isEmpty() ? null : new TreeMap<>(m.labels()),
              set(m.volumes()));
      metadata =
          new DockerImageMetadata(
              DockerImageMetadata.KIND,
              DockerImageMetadata.API_VERSION,
              null,
              m.created() == null ? null : m.created().toString(),
              m.author(),
              m.architecture(),
              m.os(),
              m.variant(),
              image.size(),
              m.dockerVersion(),
              config);
      layers =
          image.layers().stream()
              .map(l -> new ImageLayer(l.digest().toString(), l.size(), l.mediaType()))
              .toList();
    }
    List<ImageManifest> manifests =
        image.manifests().isEmpty()
            ? null
            : image.manifests().stream()
                .filter(p -> !p.isAttestation())
                .map(RecordedImages::manifest)
                .toList();
    return new Image(
        image.digest().toString(),
        image.pullSpec(),
        metadata,
        "1.0",
        layers,
        manifests,
        image.mediaType(),
        null);
  }

  private static ImageManifest manifest(PlatformManifest p) {
    return new ImageManifest(
        p.digest().toString(),
        p.mediaType(),
        p.size(),
        p.platform().architecture(),
        p.platform().os(),
        p.platform().variant());
  }

  private static Map<String, DockerConfig.Empty> set(List<String> keys) {
    if (keys.isEmpty()) {
      return null;
    }
    Map<String, DockerConfig.Empty> map = new LinkedHashMap<>();
    keys.forEach(k -> map.put(k, DockerConfig.Empty.INSTANCE));
    return map;
  }
}
