package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.engine.status.ImageRecords;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.registry.Access;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.registry.RegistrySettings;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.ResolvedImage;
import dev.imagestreams.registry.auth.CredentialStore;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.Map;
import java.util.Optional;

/**
 * The metadata of the image a tag's status recorded, by the digest recorded (so a tag that has
 * moved on in its registry still describes the image the cluster has).
 *
 * <p>The operator keeps a record of each tag's current image in {@code status.images}; that is used
 * when it is complete (the cluster keeps full records, or the image is a manifest list): no
 * registry request, no credentials. Otherwise (a summary, or no record) the image is read from its
 * registry with the registry module's engine, by digest, with the user's registry credentials
 * ({@link RegistryAuthFile}), and as insecurely as the operator imported it.
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
    String recordedReference = event.dockerImageReference();
    ImageReference reference;
    try {
      reference = ImageReference.parse(recordedReference);
    } catch (RegistryException e) {
      throw new CommandFailure(
          "the recorded image "
              + recordedReference
              + " is not a valid reference: "
              + e.getMessage(),
          e);
    }
    boolean insecure =
        "true".equals(stream.annotation(INSECURE_ANNOTATION))
            || stream.getSpec() != null
                && stream.getSpec().tag(tag).map(t -> t.insecureImport()).orElse(false)
            || importedInsecurely(stream, reference.registry());
    try {
      return toImage(registry.resolve(reference, insecure));
    } catch (RegistryException e) {
      throw new CommandFailure(
          "cannot read the metadata of "
              + recordedReference
              + " from its registry ("
              + e.kind().reason()
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /**
   * Whether the operator imported a tag of the stream from the registry with insecure access (the
   * cluster's insecure registries included): an image recorded from there is read back the same
   * way, whichever tag (an alias, a reference) shows it.
   */
  private static boolean importedInsecurely(ImageStream stream, String registry) {
    return stream.getStatus() != null
        && stream.getStatus().tagList().stream()
            .filter(t -> t.observedSource() != null)
            .filter(t -> Boolean.TRUE.equals(t.observedSource().insecure()))
            .flatMap(t -> t.itemList().stream())
            .anyMatch(item -> registry.equals(registryOf(item.dockerImageReference())));
  }

  private static String registryOf(String pullSpec) {
    try {
      return ImageReference.parse(pullSpec).registry();
    } catch (RegistryException e) {
      return null;
    }
  }

  /** A resolved image in OpenShift's Image form: the record the operator writes to status. */
  static Image toImage(ResolvedImage image) {
    return ImageRecords.of(image);
  }
}
