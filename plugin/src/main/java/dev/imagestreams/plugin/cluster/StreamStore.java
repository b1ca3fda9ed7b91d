package dev.imagestreams.plugin.cluster;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamSpec;
import dev.imagestreams.api.v1.TagReference;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The ImageStreams of one namespace, as the verbs read and write them: one request per read, and
 * writes that touch only what the verb names.
 *
 * <p>Tag writes are server-side applies with the field manager {@value #TAG_MANAGER}: an apply
 * document holds the tags this manager applied before (as they are now) plus the changed ones, so
 * no other tag is touched and a tag another manager changed in between is a conflict, retried once
 * on a fresh read. The import request annotation has its own manager, {@value #IMPORT_MANAGER}, so
 * requesting an import never owns or drops a tag.
 */
public final class StreamStore {
  public static final String TAG_MANAGER = "kubectl-imagestream";
  public static final String IMPORT_MANAGER = "kubectl-imagestream-import";

  private final KubernetesClient client;
  private final String namespace;

  public StreamStore(KubeClients.Session session) {
    this(session.client(), session.namespace());
  }

  public StreamStore(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public String namespace() {
    return namespace;
  }

  /** The stream, or empty if there is none; fails clearly when the CRD is not installed. */
  public Optional<ImageStream> find(String name) {
    ImageStream stream = call(() -> streams().withName(name).get());
    if (stream == null) {
      ensureCrdInstalled();
    }
    return Optional.ofNullable(stream);
  }

  /** The stream; kubectl's NotFound line when there is none. */
  public ImageStream require(String name) {
    return find(name).orElseThrow(() -> ApiErrors.notFound("imagestreams", name));
  }

  /** Every stream of the namespace, in one list request. */
  public List<ImageStream> list() {
    try {
      return streams().list().getItems();
    } catch (KubernetesClientException e) {
      // a namespaced list answers 404 only when the resource itself is not served
      throw e.getCode() == 404
          ? ApiErrors.crdNotInstalled(e)
          : ApiErrors.describe(e, client.getConfiguration().getMasterUrl());
    }
  }

  /**
   * Applies spec tags with {@value #TAG_MANAGER}, creating the stream if missing.
   *
   * @param name the stream
   * @param current the stream as just read (empty if it does not exist)
   * @param changed the tags to set, each complete
   * @param removed tags this manager stops applying (they go if no other manager owns them)
   * @param force take over fields another manager owns
   */
  public ImageStream applyTags(
      String name,
      Optional<ImageStream> current,
      List<TagReference> changed,
      Set<String> removed,
      boolean force) {
    try {
      return call(() -> apply(name, current, changed, removed, force));
    } catch (CommandFailure conflict) {
      if (!(conflict.getCause() instanceof KubernetesClientException k) || k.getCode() != 409) {
        throw conflict;
      }
      // someone wrote one of our tags between the read and the apply: read again, once
      Optional<ImageStream> fresh = find(name);
      return call(() -> apply(name, fresh, changed, removed, force));
    }
  }

  private ImageStream apply(
      String name,
      Optional<ImageStream> current,
      List<TagReference> changed,
      Set<String> removed,
      boolean force) {
    List<TagReference> document = new ArrayList<>();
    current.ifPresent(
        stream -> {
          for (String owned : FieldOwners.tagsAppliedBy(stream.getMetadata(), TAG_MANAGER)) {
            boolean replaced = changed.stream().anyMatch(t -> t.name().equals(owned));
            if (!replaced && !removed.contains(owned)) {
              stream.getSpec().tag(owned).ifPresent(document::add);
            }
          }
        });
    document.addAll(changed);
    ImageStream apply = new ImageStream();
    apply.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    apply.setSpec(new ImageStreamSpec(null, null, document));
    var resource = client.resource(apply).fieldManager(TAG_MANAGER);
    return force ? resource.forceConflicts().serverSideApply() : resource.serverSideApply();
  }

  /**
   * Removes a spec tag that other managers also own (with {@code --force}): a JSON patch that first
   * tests the tag is still at that index.
   */
  public ImageStream removeTagForcibly(ImageStream stream, String tag) {
    List<TagReference> tags = stream.getSpec().tagList();
    int index = -1;
    for (int i = 0; i < tags.size(); i++) {
      if (tags.get(i).name().equals(tag)) {
        index = i;
      }
    }
    if (index < 0) {
      return stream;
    }
    String patch =
        "[{\"op\":\"test\",\"path\":\"/spec/tags/"
            + index
            + "/name\",\"value\":"
            + quote(tag)
            + "},{\"op\":\"remove\",\"path\":\"/spec/tags/"
            + index
            + "\"}]";
    String name = stream.getMetadata().getName();
    return call(
        () ->
            streams()
                .withName(name)
                .patch(
                    new PatchContext.Builder()
                        .withPatchType(PatchType.JSON)
                        .withFieldManager(TAG_MANAGER)
                        .build(),
                    patch));
  }

  /** Sets the stream's annotation with {@value #IMPORT_MANAGER} (server-side apply). */
  public ImageStream annotate(String name, String key, String value) {
    ImageStream apply = new ImageStream();
    apply.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(namespace)
            .withAnnotations(Map.of(key, value))
            .build());
    apply.setSpec(null);
    return call(
        () ->
            client.resource(apply).fieldManager(IMPORT_MANAGER).forceConflicts().serverSideApply());
  }

  /** Waits (watching the one stream) until it satisfies the predicate; empty on timeout. */
  public Optional<ImageStream> await(String name, Predicate<ImageStream> done, Duration timeout) {
    try {
      return Optional.of(
          call(
              () ->
                  streams()
                      .withName(name)
                      .waitUntilCondition(
                          s -> s != null && done.test(s),
                          timeout.toMillis(),
                          TimeUnit.MILLISECONDS)));
    } catch (CommandFailure failure) {
      if (failure.getCause() instanceof KubernetesClientTimeoutException) {
        return Optional.empty();
      }
      throw failure;
    }
  }

  private void ensureCrdInstalled() {
    try {
      streams()
          .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        throw ApiErrors.crdNotInstalled(e);
      }
      // forbidden to list, or anything else: the stream is simply not there for this user
    }
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          ImageStream,
          io.fabric8.kubernetes.api.model.KubernetesResourceList<ImageStream>,
          io.fabric8.kubernetes.client.dsl.Resource<ImageStream>>
      streams() {
    return client.resources(ImageStream.class).inNamespace(namespace);
  }

  private <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw ApiErrors.describe(e, client.getConfiguration().getMasterUrl());
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
