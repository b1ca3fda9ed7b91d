package dev.imagestreams.plugin.set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imagestreams.engine.triggers.TriggerAnnotation;
import dev.imagestreams.plugin.cluster.ApiErrors;
import dev.imagestreams.plugin.cluster.ClusterOptions;
import dev.imagestreams.plugin.cluster.CommandFailure;
import dev.imagestreams.plugin.cluster.KubeClients;
import dev.imagestreams.plugin.output.TabWriter;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code oc set triggers} for the kinds with image change triggers: lists them, or sets, pauses,
 * resumes and removes them in the {@code image.openshift.io/triggers} annotation, written as oc
 * writes it (so that a manifest edited here still works on OpenShift). One JSON merge patch of the
 * annotation (and a Deployment's {@code spec.paused}), guarded by the resource version read.
 */
@Command(
    name = "triggers",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Set or remove the image change triggers of a Deployment, StatefulSet, DaemonSet or CronJob"
          + " (oc set triggers).",
      "With no flags, lists them (NAME TYPE VALUE AUTO). --from-image=[NAMESPACE/]STREAM:TAG -c"
          + " CONTAINER[,...] sets the named containers' images from that stream tag whenever it"
          + " moves; --manual pauses it, --auto resumes it; --remove removes it; --remove-all"
          + " removes every trigger. On a Deployment, --manual, --auto and --remove-all also pause"
          + " or resume its rollouts (spec.paused), as oc does."
    })
public final class SetTriggersCommand implements Callable<Integer> {
  /** The field manager of the plugin's writes. */
  static final String FIELD_MANAGER = "kubectl-imagestream";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin ClusterOptions cluster = new ClusterOptions();

  @picocli.CommandLine.ParentCommand SetCommand parent;

  @Parameters(
      paramLabel = "TYPE/NAME",
      description =
          "deployment/NAME, statefulset/NAME, daemonset/NAME or cronjob/NAME (or TYPE NAME)")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--from-image",
      description = "An image stream tag to trigger off of: [NAMESPACE/]STREAM:TAG.")
  String fromImage;

  @Option(
      names = {"-c", "--containers"},
      description = "Comma delimited list of container names this trigger applies to.")
  String containers;

  @Option(
      names = "--manual",
      description = "Set all triggers, or just the specified one, to manual.")
  boolean manual;

  @Option(names = "--auto", description = "Enable all triggers, or just the specified one.")
  boolean auto;

  @Option(names = "--remove", description = "Remove the specified trigger.")
  boolean remove;

  @Option(names = "--remove-all", description = "Remove all triggers.")
  boolean removeAll;

  @Override
  public Integer call() {
    try (KubeClients.Session session =
        KubeClients.open(parent == null ? cluster : cluster.or(parent.cluster))) {
      TriggerEdit.Request request;
      try {
        request =
            TriggerEdit.request(
                new TriggerEdit.Flags(fromImage, containers, manual, auto, remove, removeAll),
                session.namespace());
      } catch (TriggerEdit.InvalidRequest e) {
        throw new CommandFailure(e.getMessage(), e);
      }
      String[] target = target();
      WorkloadType type =
          WorkloadType.of(target[0])
              .orElseThrow(
                  () ->
                      new CommandFailure(
                          target[0] + "/" + target[1] + " does not support triggers"));
      PrintWriter out = spec.commandLine().getOut();
      try {
        HasMetadata object = read(session.client(), type, session.namespace(), target[1]);
        TriggerEdit.Workload workload = workload(type, object);
        TriggerEdit.Definition definition = TriggerEdit.read(workload);
        if (request.printTable()) {
          TabWriter table = TabWriter.setTriggers();
          table.print("NAME\tTYPE\tVALUE\tAUTO\n");
          for (List<String> row : TriggerEdit.rows(workload, definition)) {
            table.print(String.join("\t", row) + "\n");
          }
          out.print(table);
        } else {
          TriggerEdit.Result result =
              TriggerEdit.apply(TriggerEdit.update(definition, request), workload);
          if (changes(workload, result)) {
            patch(session.client(), type, object, result);
            out.println(type.qualified() + "/" + target[1] + " updated");
          }
        }
      } catch (TriggerEdit.InvalidRequest e) {
        throw new CommandFailure(e.getMessage(), e);
      } catch (KubernetesClientException e) {
        throw ApiErrors.describe(e, session.client().getMasterUrl().toString());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code TYPE/NAME} or {@code TYPE NAME}. */
  private String[] target() {
    if (args.size() == 1 && args.get(0).contains("/")) {
      String[] parts = args.get(0).split("/", 2);
      if (!parts[0].isEmpty() && !parts[1].isEmpty()) {
        return parts;
      }
    }
    if (args.size() == 2 && !args.get(0).contains("/")) {
      return new String[] {args.get(0), args.get(1)};
    }
    throw new CommandFailure(
        "one resource is required: deployment/NAME, statefulset/NAME, daemonset/NAME or cronjob/NAME");
  }

  private static HasMetadata read(
      KubernetesClient client, WorkloadType type, String namespace, String name) {
    HasMetadata object =
        switch (type) {
          case DEPLOYMENT ->
              client.apps().deployments().inNamespace(namespace).withName(name).get();
          case STATEFUL_SET ->
              client.apps().statefulSets().inNamespace(namespace).withName(name).get();
          case DAEMON_SET -> client.apps().daemonSets().inNamespace(namespace).withName(name).get();
          case CRON_JOB ->
              client.batch().v1().cronjobs().inNamespace(namespace).withName(name).get();
        };
    if (object == null) {
      throw new CommandFailure(
          "Error from server (NotFound): "
              + type.plural()
              + "."
              + group(type)
              + " \""
              + name
              + "\" not found");
    }
    return object;
  }

  private static String group(WorkloadType type) {
    return type == WorkloadType.CRON_JOB ? "batch" : "apps";
  }

  static TriggerEdit.Workload workload(WorkloadType type, HasMetadata object) {
    PodSpec pod =
        switch (type) {
          case DEPLOYMENT -> ((Deployment) object).getSpec().getTemplate().getSpec();
          case STATEFUL_SET -> ((StatefulSet) object).getSpec().getTemplate().getSpec();
          case DAEMON_SET -> ((DaemonSet) object).getSpec().getTemplate().getSpec();
          case CRON_JOB ->
              ((CronJob) object).getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        };
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    Boolean paused =
        object instanceof Deployment d ? Boolean.TRUE.equals(d.getSpec().getPaused()) : null;
    return new TriggerEdit.Workload(
        type.plural(),
        object.getMetadata().getName(),
        object.getMetadata().getNamespace(),
        type.base(),
        names(pod.getContainers()),
        names(pod.getInitContainers()),
        annotations == null ? null : annotations.get(TriggerAnnotation.KEY),
        paused);
  }

  private static List<String> names(List<Container> containers) {
    return containers == null ? List.of() : containers.stream().map(Container::getName).toList();
  }

  private static boolean changes(TriggerEdit.Workload w, TriggerEdit.Result r) {
    boolean annotation =
        !Objects.equals(r.annotation(), w.annotation())
            && !(w.annotation() == null && r.annotation().equals("null"));
    return annotation || !Objects.equals(r.paused(), w.paused());
  }

  /**
   * A JSON merge patch of the annotation and {@code spec.paused}, with the resource version read: a
   * workload changed since is refused (409), never overwritten.
   */
  private static void patch(
      KubernetesClient client, WorkloadType type, HasMetadata object, TriggerEdit.Result result) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("resourceVersion", object.getMetadata().getResourceVersion());
    metadata.putObject("annotations").put(TriggerAnnotation.KEY, result.annotation());
    if (result.paused() != null) {
      body.putObject("spec").put("paused", result.paused());
    }
    PatchContext context = PatchContext.of(PatchType.JSON_MERGE);
    context.setFieldManager(FIELD_MANAGER);
    client.resource(object).patch(context, body.toString());
  }
}
