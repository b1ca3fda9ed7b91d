package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;

/**
 * Writes a stream's status, and nothing else: never its spec or metadata. It uses server-side apply
 * of the status subresource under the controller's field manager, with optimistic locking; a
 * conflict is left to the next reconciliation rather than retried with a status computed from stale
 * data. The written stream goes straight into the cache so the next reconciliation sees it.
 */
final class StatusWriter {
  ImageStream write(ImageStream stream, ImageStreamStatus status, Context<ImageStream> context) {
    ImageStream fresh = statusOnly(stream, status);
    return PrimaryUpdateAndCacheUtils.updateAndCacheResource(
        stream,
        context,
        r -> fresh,
        r ->
            context
                .getClient()
                .resource(r)
                .subresource("status")
                .patch(
                    new PatchContext.Builder()
                        .withForce(true)
                        .withFieldManager(context.getControllerConfiguration().fieldManager())
                        .withPatchType(PatchType.SERVER_SIDE_APPLY)
                        .build()),
        0,
        PrimaryUpdateAndCacheUtils.DEFAULT_RESOURCE_CACHE_TIMEOUT_MILLIS,
        PrimaryUpdateAndCacheUtils.DEFAULT_RESOURCE_CACHE_POLL_PERIOD_MILLIS);
  }

  /**
   * A stream holding only its name, namespace and the status: what a status patch applies, and
   * nothing else.
   */
  static ImageStream statusOnly(ImageStream stream, ImageStreamStatus status) {
    ImageStream fresh = new ImageStream();
    fresh.setMetadata(
        new ObjectMetaBuilder()
            .withName(stream.getMetadata().getName())
            .withNamespace(stream.getMetadata().getNamespace())
            .build());
    fresh.setStatus(status);
    return fresh;
  }
}
