package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.plugin.cluster.ClusterCommand;
import dev.imagestreams.plugin.cluster.KubeClients;
import dev.imagestreams.plugin.cluster.StreamStore;
import dev.imagestreams.plugin.output.Ages;
import dev.imagestreams.plugin.output.OutputFormat;
import dev.imagestreams.plugin.output.TabWriter;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code oc get is} and {@code oc get istag}, with {@code -o json|yaml|name|jsonpath=...}. */
@Command(
    name = "get",
    description = {
      "List image streams or image stream tags, or print one, as oc get does.",
      "istag NAME:TAG -o json|yaml|jsonpath=... prints an ImageStreamTag with OpenShift's field"
          + " names, e.g. -o jsonpath=\"{range .image.dockerImageManifests[*]}{.os}/{.architecture}"
          + "{'\\n'}{end}\" lists a tag's platforms."
    })
public final class GetCommand extends ClusterCommand {
  @Parameters(
      paramLabel = "TYPE [NAME]",
      description = "is [NAME], istag [NAME:TAG], is/NAME, istag/NAME:TAG")
  List<String> args = new ArrayList<>();

  @Option(
      names = {"-o", "--output"},
      description = "json, yaml, name or jsonpath=TEMPLATE (default: a table).")
  String output;

  @Mixin RegistryReadOptions registry = new RegistryReadOptions();

  @Override
  public Integer call() {
    ResourceArgs resource = ResourceArgs.parse(args);
    OutputFormat format = OutputFormat.parse(output);
    Instant now = Clock.systemUTC().instant();
    try (KubeClients.Session session = openSession()) {
      StreamStore store = new StreamStore(session);
      List<ImageStream> streams =
          resource.name() == null ? store.list() : List.of(store.require(resource.stream()));
      PrintWriter out = out();
      if (resource.kind() == ResourceArgs.Kind.STREAM) {
        printStreams(streams, resource.name() == null, format, now, out);
      } else {
        printTags(streams, resource, format, now, out);
      }
      out.flush();
      return 0;
    }
  }

  private static void printStreams(
      List<ImageStream> streams, boolean list, OutputFormat format, Instant now, PrintWriter out) {
    switch (format.kind()) {
      case TABLE -> out.print(streamTable(streams, now));
      case NAME ->
          streams.forEach(
              s -> out.println("imagestream.image.openshift.io/" + s.getMetadata().getName()));
      default -> out.print(format.print(list ? listOf(streams) : streams.get(0)));
    }
  }

  /** One stream tag with a current image: what {@code get istag} lists. */
  private record CurrentTag(ImageStream stream, String tag, TagEvent event) {
    String name() {
      return stream.getMetadata().getName() + ":" + tag;
    }
  }

  private void printTags(
      List<ImageStream> streams,
      ResourceArgs resource,
      OutputFormat format,
      Instant now,
      PrintWriter out) {
    List<CurrentTag> tags = new ArrayList<>();
    for (ImageStream stream : streams) {
      if (resource.name() != null) {
        tags.add(
            new CurrentTag(
                stream, resource.tag(), ImageStreamTags.currentEvent(stream, resource.tag())));
        continue;
      }
      List<NamedTagEventList> statusTags =
          stream.getStatus() == null ? List.of() : stream.getStatus().tagList();
      for (NamedTagEventList tag : statusTags) {
        tag.current()
            .filter(e -> e.image() != null && !e.image().isEmpty())
            .ifPresent(e -> tags.add(new CurrentTag(stream, tag.tag(), e)));
      }
    }
    tags.sort(Comparator.comparing(CurrentTag::name));
    switch (format.kind()) {
      case TABLE -> {
        TabWriter table = TabWriter.table();
        table.print("NAME\tIMAGE REFERENCE\tUPDATED\n");
        for (CurrentTag t : tags) {
          table.print(
              t.name()
                  + "\t"
                  + t.event().dockerImageReference()
                  + "\t"
                  + age(t.event().created(), now)
                  + "\n");
        }
        out.print(table);
      }
      case NAME -> tags.forEach(t -> out.println("imagestreamtag.image.openshift.io/" + t.name()));
      default -> {
        RecordedImages images = registry.images();
        List<ImageStreamTagObject> objects =
            tags.stream()
                .map(
                    t ->
                        ImageStreamTags.of(
                            t.stream(),
                            t.tag(),
                            t.event(),
                            images.find(t.stream(), t.tag(), t.event())))
                .toList();
        out.print(format.print(resource.name() == null ? listOf(objects) : objects.get(0)));
      }
    }
  }

  /** kubectl's {@code get is} table: NAME, IMAGE REPOSITORY, TAGS, UPDATED. */
  static String streamTable(List<ImageStream> streams, Instant now) {
    TabWriter table = TabWriter.table();
    table.print("NAME\tIMAGE REPOSITORY\tTAGS\tUPDATED\n");
    streams.stream()
        .sorted(Comparator.comparing(s -> s.getMetadata().getName()))
        .forEach(
            s -> {
              ImageStreamStatus status = s.getStatus();
              table.print(
                  s.getMetadata().getName()
                      + "\t"
                      + (status == null || status.displayRepository() == null
                          ? ""
                          : status.displayRepository())
                      + "\t"
                      + (status == null || status.tagsSummary() == null ? "" : status.tagsSummary())
                      + "\t"
                      + (status == null ? "" : age(status.lastUpdated(), now))
                      + "\n");
            });
    return table.toString();
  }

  private static String age(String rfc3339, Instant now) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return "";
    }
    return Ages.compact(Duration.between(OffsetDateTime.parse(rfc3339).toInstant(), now));
  }

  private static Map<String, Object> listOf(List<?> items) {
    Map<String, Object> list = new LinkedHashMap<>();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    list.put("items", items);
    list.put("metadata", Map.of("resourceVersion", ""));
    return list;
  }
}
