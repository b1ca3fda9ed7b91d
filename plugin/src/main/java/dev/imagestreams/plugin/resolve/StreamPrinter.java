package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.plugin.output.OutputFormat;
import dev.imagestreams.plugin.output.TabWriter;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints resolved streams: {@code yaml} (one document per stream), {@code json} (one stream, or a
 * {@code v1 List} of several, as kubectl prints them) or {@code table} (one line per tag). Pure.
 */
public final class StreamPrinter {
  private final KubernetesSerialization serialization;

  public StreamPrinter(KubernetesSerialization serialization) {
    this.serialization = serialization;
  }

  /** The text to print, ending with a newline. */
  public String print(List<ResolvedStream> streams, OutputFormat format) {
    return switch (format.kind()) {
      case YAML -> yaml(streams);
      case JSON -> json(streams);
      case TABLE -> table(streams);
      default -> throw new IllegalArgumentException("resolve does not print " + format.kind());
    };
  }

  private String yaml(List<ResolvedStream> streams) {
    StringBuilder out = new StringBuilder();
    for (ResolvedStream stream : streams) {
      String document = serialization.asYaml(stream.output());
      out.append(document.startsWith("---") ? "" : "---\n").append(document);
      if (!document.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  private String json(List<ResolvedStream> streams) {
    Object value;
    if (streams.size() == 1) {
      value = streams.get(0).output();
    } else {
      Map<String, Object> list = new LinkedHashMap<>();
      list.put("apiVersion", "v1");
      list.put("kind", "List");
      List<ImageStream> items = new ArrayList<>();
      streams.forEach(s -> items.add(s.output()));
      list.put("items", items);
      value = list;
    }
    return serialization.asJson(value) + "\n";
  }

  /** {@code STREAM TAG IMAGE}: the pull spec each tag resolved to, or its failure's reason. */
  static String table(List<ResolvedStream> streams) {
    TabWriter table = TabWriter.table();
    table.print("STREAM\tTAG\tIMAGE\n");
    for (ResolvedStream stream : streams) {
      List<NamedTagEventList> tags =
          stream.status() == null ? List.of() : stream.status().tagList();
      for (NamedTagEventList tag : tags) {
        String image =
            tag.importCondition()
                .map(c -> "<" + c.reason() + ">")
                .orElseGet(() -> tag.current().map(TagEvent::dockerImageReference).orElse(""));
        table.print(stream.displayName() + "\t" + tag.tag() + "\t" + image + "\n");
      }
    }
    return table.toString();
  }
}
