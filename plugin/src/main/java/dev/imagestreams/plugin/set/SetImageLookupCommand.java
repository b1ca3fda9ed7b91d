package dev.imagestreams.plugin.set;

import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.plugin.cluster.ApiErrors;
import dev.imagestreams.plugin.cluster.ClusterOptions;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.cluster.KubeClients;
import dev.imagestreams.plugin.cluster.StreamStore;
import dev.imagestreams.plugin.output.TabWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code oc set image-lookup}: turns image lookup on or off for streams ({@code
 * spec.lookupPolicy.local}) or for a workload's names ({@code resolve-names} on its pod template),
 * or lists the setting. Every write is a JSON merge patch, which custom resources accept ({@code
 * oc}'s strategic merge patch is refused with 415 on a CRD).
 */
@Command(
    name = "image-lookup",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Change how images are resolved when deploying applications (oc set image-lookup).",
      "STREAM (or is/STREAM) sets spec.lookupPolicy.local: image: STREAM[:TAG] in this namespace"
          + " then runs the stream's image. KIND/NAME (deploy, ds, sts, rs, rc, job, cj, pod) sets"
          + " the alpha.image.policy.openshift.io/resolve-names annotation on its pod template:"
          + " every image name of it is looked up in this namespace's streams.",
      "--enabled=false turns it off; --list prints NAME LOCAL."
    })
public final class SetImageLookupCommand implements Callable<Integer> {
  static final String RESOLVE_NAMES = "alpha.image.policy.openshift.io/resolve-names";
  static final String FIELD_MANAGER = "kubectl-imagestream";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @picocli.CommandLine.ParentCommand SetCommand parent;

  @Parameters(paramLabel = "STREAM|KIND/NAME", description = "Streams or workloads.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--enabled",
      arity = "1",
      defaultValue = "true",
      description = "true (default) to resolve names, false to stop.")
  boolean enabled = true;

  @Option(names = "--all", description = "Every image stream of the namespace.")
  boolean all;

  @Option(names = "--list", description = "Print the setting (NAME LOCAL) instead of changing it.")
  boolean list;

  @Override
  public Integer call() {
    List<LookupTarget> targets = new ArrayList<>();
    for (String arg : args) {
      try {
        targets.add(LookupTarget.parse(arg));
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(e.getMessage(), e);
      }
    }
    if (targets.isEmpty() && !all && !list) {
      throw new CommandFailure(
          "name an image stream or a workload (KIND/NAME), or use --all or --list");
    }
    ClusterOptions options = parent == null ? cluster : cluster.or(parent.cluster);
    try (KubeClients.Session session = KubeClients.open(options)) {
      StreamStore streams = new StreamStore(session);
      if ((all || targets.isEmpty()) && (all || list)) {
        for (ImageStream s : streams.list()) {
          targets.add(LookupTarget.parse(s.getMetadata().getName()));
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (list) {
        print(session.client(), session.namespace(), targets, out);
      } else {
        for (LookupTarget t : targets) {
          patch(session.client(), session.namespace(), t);
          out.println(t.display() + " image lookup updated");
        }
      }
      out.flush();
      return 0;
    }
  }

  private void patch(KubernetesClient client, String namespace, LookupTarget t) {
    PatchContext merge =
        new PatchContext.Builder()
            .withPatchType(PatchType.JSON_MERGE)
            .withFieldManager(FIELD_MANAGER)
            .build();
    try {
      var resource =
          client
              .genericKubernetesResources(t.apiVersion(), t.kind())
              .inNamespace(namespace)
              .withName(t.name());
      if (resource.get() == null) {
        throw new CommandFailure(t.notFound());
      }
      resource.patch(merge, t.mergePatch(enabled));
    } catch (KubernetesClientException e) {
      throw ApiErrors.describe(e, client.getConfiguration().getMasterUrl());
    }
  }

  private static void print(
      KubernetesClient client, String namespace, List<LookupTarget> targets, PrintWriter out) {
    TabWriter table = TabWriter.table();
    table.print("NAME\tLOCAL\n");
    for (LookupTarget t : targets) {
      GenericKubernetesResource r;
      try {
        r =
            client
                .genericKubernetesResources(t.apiVersion(), t.kind())
                .inNamespace(namespace)
                .withName(t.name())
                .get();
      } catch (KubernetesClientException e) {
        throw ApiErrors.describe(e, client.getConfiguration().getMasterUrl());
      }
      if (r == null) {
        throw new CommandFailure(t.notFound());
      }
      table.print((t.imageStream() ? t.name() : t.display()) + "\t" + local(r, t) + "\n");
    }
    out.print(table);
  }

  /** Whether the object resolves names: the stream's policy, or the workload's annotation. */
  static boolean local(GenericKubernetesResource r, LookupTarget t) {
    if (t.imageStream()) {
      Object lookup = at(r.getAdditionalProperties(), List.of("spec", "lookupPolicy", "local"));
      return Boolean.TRUE.equals(lookup);
    }
    List<String> path = t.annotationsPath();
    Object annotations =
        path.get(0).equals("metadata")
            ? r.getMetadata().getAnnotations()
            : at(r.getAdditionalProperties(), path);
    return annotations instanceof Map<?, ?> m && "*".equals(m.get(RESOLVE_NAMES));
  }

  private static Object at(Map<String, Object> root, List<String> path) {
    Object node = root;
    for (String key : path) {
      if (!(node instanceof Map<?, ?> m)) {
        return null;
      }
      node = m.get(key);
    }
    return node;
  }
}
