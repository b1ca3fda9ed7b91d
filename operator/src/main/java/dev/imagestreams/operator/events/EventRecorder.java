package dev.imagestreams.operator.events;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.engine.status.KubeTime;
import dev.imagestreams.engine.status.Messages;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Kubernetes Events about streams (and the workloads their triggers write), asynchronously:
 * reconciliations never wait for them. At most {@value #QUEUE} wait to be written; past that,
 * Events are dropped rather than slowing imports down (counted by {@link #dropped()}, logged every
 * thousand). A failure to write one is logged, never fatal.
 */
public final class EventRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  private static final String COMPONENT = "imagestream-operator";
  private static final int MAX_MESSAGE = 1024;

  static final int QUEUE = 5_000;

  private final KubernetesClient client;
  private final Clock clock;
  private final ThreadPoolExecutor writer;
  private volatile boolean closed;
  private final AtomicLong dropped = new AtomicLong();

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.writer =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(QUEUE),
            r -> {
              Thread t = new Thread(r, "events");
              t.setDaemon(true);
              return t;
            },
            (task, executor) -> {
              if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warn("too many Events waiting to be written; {} dropped so far", dropped.get());
              }
            });
  }

  /** Events dropped because too many were waiting. */
  public long dropped() {
    return dropped.get();
  }

  /** Events waiting to be written. */
  public int pending() {
    return writer.getQueue().size() + writer.getActiveCount();
  }

  @Override
  public void close() {
    closed = true;
    int unwritten = writer.shutdownNow().size(); // the one being written is interrupted
    if (unwritten > 0) {
      LOG.info("stopped: {} Events waiting to be written were dropped", unwritten);
    }
    try {
      writer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public void warning(ImageStream stream, String reason, String message) {
    record(stream, StreamEvent.Type.WARNING.wire(), reason, message);
  }

  /** Records a Warning Event on any object (a workload whose triggers do not act). */
  public void warning(HasMetadata object, String reason, String message) {
    record(object, StreamEvent.Type.WARNING.wire(), reason, message);
  }

  /** Records a Normal Event on any object (a workload whose image a trigger set). */
  public void normal(HasMetadata object, String reason, String message) {
    record(object, StreamEvent.Type.NORMAL.wire(), reason, message);
  }

  /**
   * Records what is news when the stream's status goes from {@code before} (or null) to {@code
   * after}: tags with a new image, tags with a new failure ({@link StatusNews}).
   */
  public void statusChanged(ImageStream stream, ImageStreamStatus before, ImageStreamStatus after) {
    for (StreamEvent event : StatusNews.between(before, after)) {
      record(stream, event.type().wire(), event.reason().wire(), event.message());
    }
  }

  private void record(HasMetadata object, String type, String reason, String message) {
    writer.execute(() -> write(object, type, reason, message));
  }

  private void write(HasMetadata stream, String type, String reason, String message) {
    String now = KubeTime.format(clock.instant());
    var meta = stream.getMetadata();
    try {
      client
          .v1()
          .events()
          .inNamespace(meta.getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withGenerateName(meta.getName() + ".")
                  .withNamespace(meta.getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(stream.getApiVersion())
                          .withKind(stream.getKind())
                          .withName(meta.getName())
                          .withNamespace(meta.getNamespace())
                          .withUid(meta.getUid())
                          .withResourceVersion(meta.getResourceVersion())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(Messages.truncate(message, MAX_MESSAGE))
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(COMPONENT)
                  .endSource()
                  .withReportingComponent(COMPONENT)
                  .build())
          .create();
    } catch (KubernetesClientException | IllegalStateException e) {
      if (closed) {
        return; // cut short by close()
      }
      LOG.warn(
          "could not record event {} for {}/{}: {}",
          reason,
          meta.getNamespace(),
          meta.getName(),
          e.getMessage());
    }
  }
}
