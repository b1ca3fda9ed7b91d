package dev.imagestreams.plugin.tag;

import static dev.imagestreams.plugin.testing.Fixtures.stream;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.plugin.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every line {@code tag} prints, for every case: the output lines and {@code oc tag}'s validation
 * messages, against one golden file ({@code golden/tag-messages.txt}: {@code args => output}).
 */
class TagMessagesGoldenTest {
  private static final String NAMESPACE = "team";
  private static final Map<String, ImageStream> STREAMS =
      Map.of("team/python", stream("python-single.yaml"), "team/app", stream("failed-import.yaml"));

  private static final List<String> CASES =
      List.of(
          // output lines
          "docker.io/python:3.6.0 python:3.6",
          "--scheduled docker.io/python:3.6.0 python:3.6",
          "--scheduled docker.io/python:3.6.0 other/python:3.6",
          "--insecure --reference-policy local registry.example.com:5000/team/app:1 app:1",
          "--import-mode PreserveOriginal docker.io/library/busybox:1.36 tools:busybox",
          "python:3.12 python:pinned",
          "team/python:3.12 python:pinned other/python:pinned",
          "--alias python:3.12 python:latest",
          "--alias python:3.12 python:latest python:current",
          "--source istag python:3.12 python:pinned",
          "python@sha256:1111111111111111111111111111111111111111111111111111111111111111 python:byid",
          "--source docker python web:python",
          "--reference docker.io/python:3.12 python:ref",
          "-d python:3.6",
          "-d python:3.6 other/python:old",
          // validation
          "--alias -d python:3.6",
          "--reference-policy remote docker.io/python python:3",
          "--source istag -d python:3.6",
          "-d --scheduled python:3.6",
          "-d --insecure python:3.6",
          "-d --import-mode Legacy python:3.6",
          "--scheduled python:3.12 python:copy",
          "--insecure --source isimage python@sha256:1 python:copy",
          "--alias --scheduled python:3.12 python:latest",
          "--alias python:3.12 web:latest",
          "--alias python:3.12 other/python:latest",
          "--alias docker.io/python:3.12 python:latest",
          "--import-mode Newest docker.io/python:3.12 python:3.12",
          "--source git python:3.12 python:copy",
          "docker.io/python:3.12 python",
          "docker.io/python:3.12 python:bad/name",
          "docker.io/python:3.12",
          "-d",
          "app:next app:copy",
          "missing:1 app:copy",
          "app:nightly app:copy");

  @Test
  void everyMessage() {
    StringBuilder out = new StringBuilder();
    for (String line : CASES) {
      out.append(line).append(" =>\n");
      for (String printed : run(line)) {
        out.append("  ").append(printed).append('\n');
      }
    }
    Golden.assertMatches("tag-messages.txt", out.toString());
  }

  /** What {@code tag ARGS} prints (or its error), without a cluster. */
  static List<String> run(String line) {
    List<String> args = new ArrayList<>(List.of(line.split(" ")));
    TagRequest.Flags flags = flags(args);
    try {
      TagRequest request = TagRequest.parse(args, flags, NAMESPACE);
      if (request.delete()) {
        return request.destinations().stream().map(TagPlanner::deleted).toList();
      }
      TagPlanner.ResolvedSource source =
          TagPlanner.resolve(
              request,
              NAMESPACE,
              name -> Optional.ofNullable(STREAMS.get(name.namespace() + "/" + name.stream())));
      return Stream.concat(
              TagPlanner.plan(request, source, NAMESPACE).stream()
                  .map(c -> c.message() + "   [" + describe(c) + "]"),
              Stream.empty())
          .toList();
    } catch (TagRequest.InvalidTagRequest e) {
      return List.of("error: " + e.getMessage());
    }
  }

  private static String describe(TagPlanner.Change change) {
    var tag = change.tag();
    return change.destination().namespace()
        + "/"
        + change.destination().streamTag()
        + " from "
        + tag.from().kind()
        + " "
        + (tag.from().namespace() == null ? "" : tag.from().namespace() + "/")
        + tag.from().name()
        + (tag.referenceOnly() ? " reference" : "")
        + (tag.scheduledImport() ? " scheduled" : "")
        + (tag.insecureImport() ? " insecure" : "")
        + (tag.importMode() == null ? "" : " " + tag.importMode())
        + " policy="
        + tag.referencePolicy().type();
  }

  private static TagRequest.Flags flags(List<String> args) {
    String source = take(args, "--source");
    String policy = take(args, "--reference-policy");
    String mode = take(args, "--import-mode");
    return new TagRequest.Flags(
        source,
        args.remove("--alias"),
        args.remove("--reference"),
        args.remove("--scheduled"),
        args.remove("--insecure"),
        policy,
        mode,
        args.remove("-d"));
  }

  private static String take(List<String> args, String flag) {
    int i = args.indexOf(flag);
    if (i < 0) {
      return null;
    }
    args.remove(i);
    return args.remove(i);
  }
}
