package dev.imagestreams.operator.triggers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagestreams.engine.triggers.ImageWrite;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;

/**
 * Writes triggered images with one JSON patch per workload, under the field manager {@value
 * #FIELD_MANAGER}, which so owns exactly the image fields it changed and nothing else (never a full
 * update, never server-side apply, whose ownership would let a later apply of ours delete images a
 * trigger no longer sets). Each image is replaced only after {@code test} operations check that the
 * container at that index still has the name and the image the plan was made from: a workload
 * changed since the informer read it (another writer, a reordered list) fails the patch, and it is
 * planned again from fresher data. A patch needs only the {@code patch} verb, and a deleted
 * workload is not recreated.
 */
final class ImageWriter {
  /** The field manager of trigger writes, for GitOps tools' {@code managedFieldsManagers}. */
  static final String FIELD_MANAGER = "imagestream-triggers";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What came of a write. */
  enum Outcome {
    /** Written. */
    WRITTEN,
    /** The workload changed since it was read: nothing was written. */
    STALE,
    /** The workload is gone. */
    GONE
  }

  private final KubernetesClient client;

  ImageWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Writes the images.
   *
   * @throws KubernetesClientException on any other failure (retried by the reconciler)
   */
  Outcome write(WorkloadKind kind, HasMetadata workload, List<ImageWrite> writes) {
    PatchContext context = PatchContext.of(PatchType.JSON);
    context.setFieldManager(FIELD_MANAGER);
    try {
      // on the cached object, so that the client sends the patch without reading the workload first
      client.resource(workload).patch(context, patch(kind, writes));
      return Outcome.WRITTEN;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Outcome.GONE;
      }
      if (stale(e)) {
        return Outcome.STALE;
      }
      throw e;
    }
  }

  /**
   * The JSON patch: for each image, {@code test} the container's name and image, then {@code
   * replace} the image (or {@code add} it where the container had none).
   */
  static String patch(WorkloadKind kind, List<ImageWrite> writes) {
    ArrayNode ops = JSON.createArrayNode();
    for (ImageWrite w : writes) {
      String container = kind.podSpecPointer() + w.containerPointer();
      ops.addObject()
          .put("op", "test")
          .put("path", container + "/name")
          .put("value", w.container());
      if (w.from() != null) {
        ops.addObject().put("op", "test").put("path", container + "/image").put("value", w.from());
      }
      ObjectNode set = ops.addObject();
      set.put("op", w.from() == null ? "add" : "replace");
      set.put("path", container + "/image");
      set.put("value", w.to());
    }
    return ops.toString();
  }

  /**
   * A failed {@code test} operation (the API server answers 422 with "testing value ... failed", or
   * 500 in older releases), or a conflict.
   */
  private static boolean stale(KubernetesClientException e) {
    if (e.getCode() == 409) {
      return true;
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    return (e.getCode() == 422 || e.getCode() == 500 || e.getCode() == 400)
        && message.contains("test");
  }
}
