package dev.imagestreams.operator.reconciler;

import dev.imagestreams.api.v1.ImageStream;
import io.fabric8.kubernetes.api.model.Secret;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.function.Consumer;

/**
 * The pull Secrets of one type, watched for the streams of their namespace; tells {@code onDelete}
 * when a Secret is deleted, so what was parsed from it goes with it.
 */
final class PullSecretEventSource extends InformerEventSource<Secret, ImageStream> {
  private final Consumer<Secret> onDelete;

  PullSecretEventSource(
      InformerEventSourceConfiguration<Secret> configuration,
      EventSourceContext<ImageStream> context,
      Consumer<Secret> onDelete) {
    super(configuration, context);
    this.onDelete = onDelete;
  }

  @Override
  public void onDelete(Secret secret, boolean deletedFinalStateUnknown) {
    onDelete.accept(secret);
    super.onDelete(secret, deletedFinalStateUnknown);
  }
}
