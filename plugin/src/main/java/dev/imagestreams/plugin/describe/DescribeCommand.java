package dev.imagestreams.plugin.describe;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.plugin.cluster.ClusterCommand;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.cluster.KubeClients;
import dev.imagestreams.plugin.cluster.StreamStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code oc describe is/NAME} and {@code oc describe istag/NAME:TAG}. */
@Command(
    name = "describe",
    description = {
      "Show an image stream or an image stream tag as oc describe does.",
      "is/NAME (or NAME): repository, lookup policy, tags with their source, scheduling, import"
          + " errors and history. istag/NAME:TAG (or NAME:TAG): the tag's current image: digest,"
          + " size and layers, platforms of a list, entrypoint, command, ports, labels, environment."
    })
public final class DescribeCommand extends ClusterCommand {
  @Parameters(paramLabel = "TYPE/NAME", description = "is/NAME, istag/NAME:TAG, NAME or NAME:TAG")
  List<String> args = new ArrayList<>();

  @Mixin RegistryReadOptions registry = new RegistryReadOptions();

  @Override
  public Integer call() {
    ResourceArgs resource = ResourceArgs.parse(args);
    if (resource.name() == null) {
      throw new CommandFailure("describe needs a name: is/NAME or istag/NAME:TAG");
    }
    Clock clock = Clock.systemUTC();
    try (KubeClients.Session session = openSession()) {
      StreamStore store = new StreamStore(session);
      ImageStream stream = store.require(resource.stream());
      PrintWriter out = out();
      if (resource.kind() == ResourceArgs.Kind.STREAM) {
        out.print(StreamDescriber.describe(stream, clock.instant()));
      } else {
        TagEvent event = ImageStreamTags.currentEvent(stream, resource.tag());
        Image image = registry.images().find(stream, resource.tag(), event);
        out.print(
            ImageDescriber.describe(
                ImageStreamTags.of(stream, resource.tag(), event, image), clock.instant()));
      }
      out.flush();
      return 0;
    }
  }
}
