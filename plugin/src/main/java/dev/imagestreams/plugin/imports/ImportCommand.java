package dev.imagestreams.plugin.imports;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.StreamReason;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagEventCondition;
import dev.imagestreams.plugin.cluster.ClusterCommand;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.cluster.FieldOwners;
import dev.imagestreams.plugin.cluster.KubeClients;
import dev.imagestreams.plugin.cluster.StreamStore;
import dev.imagestreams.plugin.describe.ImageDescriber;
import dev.imagestreams.plugin.describe.ImageStreamTags;
import dev.imagestreams.plugin.describe.RecordedImages;
import dev.imagestreams.plugin.describe.StreamDescriber;
import io.fabric8.kubernetes.api.model.Condition;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code oc import-image}: asks the operator to import now and waits for the answer. The request is
 * the stream annotation {@value #REQUEST_ANNOTATION} with a new value; the operator answers by
 * recording that value in {@code status.lastHandledImportRequest} once every tag it imported for it
 * has its result.
 */
@Command(
    name = "import",
    aliases = "import-image",
    description = {
      "Import the image of a tag now and wait for the result (oc import-image).",
      "--from and --confirm create the stream or the tag; --scheduled, --insecure and"
          + " --import-mode change the tag's import policy. Exits non-zero when the import fails,"
          + " or when no operator answers within --timeout."
    })
public final class ImportCommand extends ClusterCommand {
  /** The operator's import-request annotation (operator/planning/ImportPlanner). */
  public static final String REQUEST_ANNOTATION = "imagestreams.dev/import-requested-at";

  @Parameters(paramLabel = "NAME[:TAG]", description = "The stream and tag (default latest).")
  String name;

  @Option(names = "--from", description = "The image to import, when creating the tag.")
  String from;

  @Option(names = "--confirm", description = "Create the stream (or tag) if it does not exist.")
  boolean confirm;

  @Option(
      names = "--scheduled",
      arity = "0..1",
      fallbackValue = "true",
      description = "Re-import periodically.")
  Boolean scheduled;

  @Option(
      names = "--insecure",
      arity = "0..1",
      fallbackValue = "true",
      description = "Allow HTTP and unverified TLS.")
  Boolean insecure;

  @Option(names = "--import-mode", description = "Legacy or PreserveOriginal.")
  String importMode;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      converter = Durations.class,
      description = "How long to wait for the operator's answer (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--force",
      description = "Change the tag even when another field manager owns it.")
  boolean force;

  @Override
  public Integer call() {
    Clock clock = Clock.systemUTC();
    try (KubeClients.Session session = openSession()) {
      StreamStore store = new StreamStore(session);
      String streamName = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
      Optional<ImageStream> existing = store.find(streamName);
      ImportPlan plan =
          ImportPlan.plan(
              new ImportPlan.Request(name, from, confirm, scheduled, insecure, importMode),
              existing);
      if (plan.write() != null) {
        if (!force && existing.isPresent()) {
          Set<String> others =
              FieldOwners.otherOwnersOfTag(
                  existing.get().getMetadata(), plan.tag(), StreamStore.TAG_MANAGER);
          if (!others.isEmpty()) {
            throw new CommandFailure(
                "the tag "
                    + plan.stream()
                    + ":"
                    + plan.tag()
                    + " is also managed by "
                    + String.join(", ", others)
                    + "; pass --force to change its import policy anyway");
          }
        }
        store.applyTags(plan.stream(), existing, List.of(plan.write()), Set.of(), force);
      }
      String request = clock.instant().toString();
      store.annotate(plan.stream(), REQUEST_ANNOTATION, request);
      ImageStream answered =
          store
              .await(
                  plan.stream(),
                  s ->
                      s.getStatus() != null
                          && request.equals(s.getStatus().lastHandledImportRequest()),
                  timeout)
              .orElseThrow(() -> unanswered(store, plan.stream()));
      return report(answered, plan.tag(), clock);
    }
  }

  /**
   * Why an import request got no answer: the operator refuses the namespace (its Ready condition
   * says so), or no operator is running.
   */
  private CommandFailure unanswered(StreamStore store, String stream) {
    Optional<Condition> ready =
        store
            .find(stream)
            .map(ImageStream::getStatus)
            .flatMap(s -> s.condition(ImageStreamStatus.READY));
    if (ready.isPresent() && StreamReason.PRIVILEGED_NAMESPACE.is(ready.get().getReason())) {
      return new CommandFailure(
          "the operator does not import in namespace "
              + store.namespace()
              + ": "
              + ready.get().getMessage());
    }
    return new CommandFailure(
        "no operator answered the import request for "
            + stream
            + " within "
            + timeout.toSeconds()
            + "s: is the imagestream-operator running? (kubectl get deployment -A -l"
            + " app.kubernetes.io/name=imagestream-operator)");
  }

  private int report(ImageStream stream, String tag, Clock clock) {
    PrintWriter out = out();
    Optional<NamedTagEventList> status = stream.getStatus().tag(tag);
    Optional<TagEventCondition> failure =
        status.flatMap(NamedTagEventList::importCondition).filter(c -> "False".equals(c.status()));
    out.println(
        "imagestream.image.openshift.io/"
            + stream.getMetadata().getName()
            + (failure.isPresent() ? " imported with errors" : " imported"));
    out.println();
    out.print(StreamDescriber.describe(stream, clock.instant()));
    Optional<TagEvent> current =
        status
            .flatMap(NamedTagEventList::current)
            .filter(e -> e.image() != null && !e.image().isEmpty());
    if (failure.isEmpty() && current.isPresent()) {
      out.println();
      out.print(
          ImageDescriber.describe(
              ImageStreamTags.of(
                  stream,
                  tag,
                  current.get(),
                  RecordedImages.fromRegistries(Boolean.TRUE.equals(insecure))
                      .find(stream, tag, current.get())),
              clock.instant()));
    }
    out.flush();
    if (failure.isPresent()) {
      TagEventCondition c = failure.get();
      PrintWriter err = err();
      err.println(
          "error: tag " + tag + " failed: Import failed (" + c.reason() + "): " + c.message());
      err.flush();
      return 1;
    }
    return 0;
  }
}
