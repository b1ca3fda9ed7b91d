package dev.imagestreams.plugin.tag;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.plugin.cluster.ClusterCommand;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.cluster.FieldOwners;
import dev.imagestreams.plugin.cluster.KubeClients;
import dev.imagestreams.plugin.cluster.StreamStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oc tag}: point stream tags at an image or another tag, or delete them. */
@Command(
    name = "tag",
    description = {
      "Tag existing images into image streams (oc tag).",
      "SOURCE is an external image (docker.io/python:3.12), a stream tag ([ns/]stream:tag) or an"
          + " image of a stream ([ns/]stream@sha256:...). A stream tag is pinned to its current"
          + " image unless --alias makes the destination track it.",
      "Writes only the named tags (server-side apply, field manager kubectl-imagestream) and"
          + " refuses to change a tag another manager (a GitOps tool) also owns unless --force."
    })
public final class TagCommand extends ClusterCommand {
  @Parameters(paramLabel = "SOURCE DEST", description = "SOURCE DEST [DEST...], or DEST... with -d")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--source",
      description =
          "The source kind: imagestreamtag|istag|imagestreamimage|isimage|docker|dockerimage.")
  String sourceKind;

  @Option(names = "--alias", description = "Track the source tag instead of pinning its image.")
  boolean alias;

  @Option(names = "--reference", description = "Point at the source without importing it.")
  boolean reference;

  @Option(names = "--scheduled", description = "Re-import the image periodically.")
  boolean scheduled;

  @Option(names = "--insecure", description = "Allow HTTP and unverified TLS for the import.")
  boolean insecure;

  @Option(
      names = "--reference-policy",
      description = "How consumers pull the image: source (default) or local.")
  String referencePolicy;

  @Option(names = "--import-mode", description = "Legacy (one platform) or PreserveOriginal.")
  String importMode;

  @Option(
      names = {"-d", "--delete"},
      description = "Delete the given tags.")
  boolean delete;

  @Option(
      names = "--force",
      description = "Change or delete a tag even when another field manager owns it.")
  boolean force;

  @Override
  public Integer call() {
    try (KubeClients.Session session = openSession()) {
      TagRequest request;
      try {
        request =
            TagRequest.parse(
                args,
                new TagRequest.Flags(
                    sourceKind,
                    alias,
                    reference,
                    scheduled,
                    insecure,
                    referencePolicy,
                    importMode,
                    delete),
                session.namespace());
      } catch (TagRequest.InvalidTagRequest e) {
        throw new CommandFailure(e.getMessage(), e);
      }
      PrintWriter out = out();
      if (request.delete()) {
        for (StreamTagName destination : request.destinations()) {
          deleteTag(new StreamStore(session.client(), destination.namespace()), destination);
          out.println(TagPlanner.deleted(destination));
        }
      } else {
        setTags(session, request, out);
      }
      out.flush();
      return 0;
    }
  }

  private void setTags(KubeClients.Session session, TagRequest request, PrintWriter out) {
    TagPlanner.ResolvedSource source;
    try {
      source =
          TagPlanner.resolve(
              request,
              session.namespace(),
              name -> new StreamStore(session.client(), name.namespace()).find(name.stream()));
    } catch (TagRequest.InvalidTagRequest e) {
      throw new CommandFailure(e.getMessage(), e);
    }
    List<TagPlanner.Change> changes = TagPlanner.plan(request, source, session.namespace());
    Map<String, List<TagPlanner.Change>> byStream = new LinkedHashMap<>();
    for (TagPlanner.Change change : changes) {
      byStream
          .computeIfAbsent(
              change.destination().namespace() + "/" + change.destination().stream(),
              k -> new ArrayList<>())
          .add(change);
    }
    for (List<TagPlanner.Change> group : byStream.values()) {
      StreamTagName first = group.get(0).destination();
      StreamStore store = new StreamStore(session.client(), first.namespace());
      Optional<ImageStream> existing = store.find(first.stream());
      if (!force) {
        existing.ifPresent(
            stream -> group.forEach(c -> refuseIfOwnedByOthers(stream, c.destination())));
      }
      List<TagReference> tags = group.stream().map(TagPlanner.Change::tag).toList();
      store.applyTags(first.stream(), existing, tags, Set.of(), force);
      group.forEach(c -> out.println(c.message()));
    }
  }

  private void deleteTag(StreamStore store, StreamTagName destination) {
    ImageStream stream =
        store
            .find(destination.stream())
            .orElseThrow(
                () ->
                    new CommandFailure(
                        "Image stream \"" + destination.stream() + "\" does not exist."));
    if (stream.getSpec() == null || stream.getSpec().tag(destination.tag()).isEmpty()) {
      throw new CommandFailure(
          "destination tag "
              + destination.namespace()
              + "/"
              + destination.streamTag()
              + " does not exist.");
    }
    Set<String> others =
        FieldOwners.otherOwnersOfTag(
            stream.getMetadata(), destination.tag(), StreamStore.TAG_MANAGER);
    if (!others.isEmpty() && !force) {
      refuseIfOwnedByOthers(stream, destination);
    }
    boolean appliedByUs =
        FieldOwners.tagsAppliedBy(stream.getMetadata(), StreamStore.TAG_MANAGER)
            .contains(destination.tag());
    ImageStream result = stream;
    if (others.isEmpty() && appliedByUs) {
      result =
          store.applyTags(
              destination.stream(),
              Optional.of(stream),
              List.of(),
              Set.of(destination.tag()),
              false);
    }
    if (result.getSpec() != null && result.getSpec().tag(destination.tag()).isPresent()) {
      store.removeTagForcibly(result, destination.tag());
    }
  }

  private static void refuseIfOwnedByOthers(ImageStream stream, StreamTagName destination) {
    Set<String> others =
        FieldOwners.otherOwnersOfTag(
            stream.getMetadata(), destination.tag(), StreamStore.TAG_MANAGER);
    if (!others.isEmpty()) {
      throw new CommandFailure(
          "the tag "
              + destination.streamTag()
              + " is also managed by "
              + String.join(", ", others)
              + ", which would undo or fight this change (a GitOps tool, or another client);"
              + " pass --force to change it anyway");
    }
  }
}
