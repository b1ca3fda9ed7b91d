package dev.imagestreams.operator.triggers;

import dev.imagestreams.engine.triggers.ContainerImage;
import dev.imagestreams.engine.triggers.PodSpecPath;
import dev.imagestreams.engine.triggers.TriggerAnnotation;
import dev.imagestreams.engine.triggers.TriggeredWorkload;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The four kinds OpenShift's trigger controller watches (apps/v1 Deployment, StatefulSet,
 * DaemonSet; batch/v1 CronJob), not Jobs, Pods or ReplicaSets: where each keeps its pod spec, and
 * the reduced copy the informer cache keeps of it ({@link #prune}).
 */
public enum WorkloadKind {
  DEPLOYMENT(
      "Deployment",
      "apps",
      "deployments",
      PodSpecPath.TEMPLATE,
      d ->
          template(
              ((Deployment) d).getSpec() == null ? null : ((Deployment) d).getSpec().getTemplate()),
      Deployment::new) {
    @Override
    void setPodSpec(HasMetadata object, PodSpec spec) {
      DeploymentSpec s = new DeploymentSpec();
      s.setTemplate(templateOf(spec));
      ((Deployment) object).setSpec(s);
    }
  },
  STATEFUL_SET(
      "StatefulSet",
      "apps",
      "statefulsets",
      PodSpecPath.TEMPLATE,
      d ->
          template(
              ((StatefulSet) d).getSpec() == null
                  ? null
                  : ((StatefulSet) d).getSpec().getTemplate()),
      StatefulSet::new) {
    @Override
    void setPodSpec(HasMetadata object, PodSpec spec) {
      StatefulSetSpec s = new StatefulSetSpec();
      s.setTemplate(templateOf(spec));
      ((StatefulSet) object).setSpec(s);
    }
  },
  DAEMON_SET(
      "DaemonSet",
      "apps",
      "daemonsets",
      PodSpecPath.TEMPLATE,
      d ->
          template(
              ((DaemonSet) d).getSpec() == null ? null : ((DaemonSet) d).getSpec().getTemplate()),
      DaemonSet::new) {
    @Override
    void setPodSpec(HasMetadata object, PodSpec spec) {
      DaemonSetSpec s = new DaemonSetSpec();
      s.setTemplate(templateOf(spec));
      ((DaemonSet) object).setSpec(s);
    }
  },
  CRON_JOB(
      "CronJob",
      "batch",
      "cronjobs",
      PodSpecPath.JOB_TEMPLATE,
      WorkloadKind::cronJobPodSpec,
      CronJob::new) {
    @Override
    void setPodSpec(HasMetadata object, PodSpec spec) {
      JobSpec job = new JobSpec();
      job.setTemplate(templateOf(spec));
      JobTemplateSpec jobTemplate = new JobTemplateSpec();
      jobTemplate.setSpec(job);
      CronJobSpec s = new CronJobSpec();
      s.setJobTemplate(jobTemplate);
      ((CronJob) object).setSpec(s);
    }
  };

  private final String kind;
  private final String group;
  private final String plural;
  private final PodSpecPath base;
  private final Function<HasMetadata, PodSpec> podSpec;
  private final Supplier<HasMetadata> empty;

  WorkloadKind(
      String kind,
      String group,
      String plural,
      PodSpecPath base,
      Function<HasMetadata, PodSpec> podSpec,
      Supplier<HasMetadata> empty) {
    this.kind = kind;
    this.group = group;
    this.plural = plural;
    this.base = base;
    this.podSpec = podSpec;
    this.empty = empty;
  }

  abstract void setPodSpec(HasMetadata object, PodSpec spec);

  /** The kind, e.g. {@code Deployment}. */
  public String kind() {
    return kind;
  }

  /** The API group: {@code apps} or {@code batch}. */
  public String group() {
    return group;
  }

  /** The resource, e.g. {@code deployments}. */
  public String plural() {
    return plural;
  }

  /** Where the kind keeps its pod spec. */
  public PodSpecPath base() {
    return base;
  }

  /** The JSON pointer of the pod spec, e.g. {@code /spec/template/spec}. */
  String podSpecPointer() {
    return "/" + base.path().replace('.', '/');
  }

  /** The object's trigger annotation, or null. */
  static String annotation(HasMetadata object) {
    Map<String, String> annotations = object.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(TriggerAnnotation.KEY);
  }

  /** What the trigger planner reads of the object. */
  TriggeredWorkload view(HasMetadata object) {
    PodSpec spec = podSpec.apply(object);
    return new TriggeredWorkload(
        kind,
        object.getMetadata().getNamespace(),
        base,
        annotation(object),
        spec == null ? List.of() : images(spec.getContainers()),
        spec == null ? List.of() : images(spec.getInitContainers()));
  }

  /**
   * The copy the informer cache keeps: name, namespace, uid, resource version, and only for an
   * object with the trigger annotation, that annotation and its containers' names and images.
   * Managed fields, other annotations, labels, status and the rest of the spec are dropped, so that
   * thousands of workloads without triggers cost little.
   */
  HasMetadata prune(HasMetadata object) {
    ObjectMeta from = object.getMetadata();
    HasMetadata copy = empty.get();
    ObjectMeta meta = new ObjectMeta();
    // the model starts with empty collections: none is kept
    meta.setLabels(null);
    meta.setAnnotations(null);
    meta.setFinalizers(null);
    meta.setManagedFields(null);
    meta.setOwnerReferences(null);
    meta.setName(from.getName());
    meta.setNamespace(from.getNamespace());
    meta.setUid(from.getUid());
    meta.setResourceVersion(from.getResourceVersion());
    copy.setMetadata(meta);
    String annotation = annotation(object);
    if (annotation == null) {
      return copy;
    }
    meta.setAnnotations(Map.of(TriggerAnnotation.KEY, annotation));
    PodSpec spec = podSpec.apply(object);
    if (spec != null) {
      PodSpec kept = new PodSpec();
      kept.setContainers(pruned(spec.getContainers()));
      kept.setInitContainers(pruned(spec.getInitContainers()));
      setPodSpec(copy, kept);
    }
    return copy;
  }

  private static List<Container> pruned(List<Container> containers) {
    if (containers == null) {
      return List.of();
    }
    return containers.stream()
        .map(
            c -> {
              Container kept = new Container();
              kept.setName(c.getName());
              kept.setImage(c.getImage());
              return kept;
            })
        .toList();
  }

  private static List<ContainerImage> images(List<Container> containers) {
    if (containers == null) {
      return List.of();
    }
    return containers.stream().map(c -> new ContainerImage(c.getName(), c.getImage())).toList();
  }

  private static PodSpec template(PodTemplateSpec template) {
    return template == null ? null : template.getSpec();
  }

  private static PodTemplateSpec templateOf(PodSpec spec) {
    PodTemplateSpec template = new PodTemplateSpec();
    template.setSpec(spec);
    return template;
  }

  private static PodSpec cronJobPodSpec(HasMetadata object) {
    CronJobSpec spec = ((CronJob) object).getSpec();
    if (spec == null || spec.getJobTemplate() == null || spec.getJobTemplate().getSpec() == null) {
      return null;
    }
    return template(spec.getJobTemplate().getSpec().getTemplate());
  }
}
