package dev.imagestreams.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.api.v1.ImageStreamStatus;
import dev.imagestreams.api.v1.NamedTagEventList;
import dev.imagestreams.api.v1.TagEvent;
import dev.imagestreams.api.v1.TagReference;
import dev.imagestreams.api.v1.TagReferencePolicy;
import dev.imagestreams.api.v1.TagSource;
import dev.imagestreams.engine.imports.StreamId;
import dev.imagestreams.engine.planning.ReferenceGrant;
import dev.imagestreams.engine.planning.StreamLookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which images a workload's triggers set, entry by entry as OpenShift's controller does, with every
 * case OpenShift passes over in silence named.
 */
class TriggerPlannerTest {
  private static final String D1 = "sha256:" + "1".repeat(64);
  private static final String D2 = "sha256:" + "2".repeat(64);
  private static final String APP_D1 = "quay.io/org/app@" + D1;
  private static final String APP_D2 = "quay.io/org/app@" + D2;
  private static final String WEB = "spec.template.spec.containers[?(@.name==\"web\")].image";

  private final Map<String, ImageStream> streams = new HashMap<>();
  private final StreamLookup lookup =
      (namespace, name) -> Optional.ofNullable(streams.get(namespace + "/" + name));

  @Test
  void aTriggerSetsTheContainerToItsTagsNewestItem() {
    stream("team", "app", "latest", APP_D1);

    TriggerPlan plan = plan(workload(trigger("app:latest", WEB)));

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.writes())
        .containsExactly(new ImageWrite(false, 0, "web", "placeholder", APP_D1, "team/app:latest"));
    assertThat(plan.writes().get(0).containerPointer()).isEqualTo("/containers/0");
  }

  @Test
  void nothingIsWrittenWhenTheImageStringIsAlreadyThePullSpec() {
    stream("team", "app", "latest", APP_D1);

    TriggerPlan plan =
        TriggerPlanner.plan(
            new TriggeredWorkload(
                "Deployment",
                "team",
                PodSpecPath.TEMPLATE,
                trigger("app:latest", WEB),
                List.of(new ContainerImage("web", APP_D1)),
                List.of()),
            lookup);

    assertThat(plan).isEqualTo(TriggerPlan.NONE);
  }

  @Test
  void aWorkloadWithoutTheAnnotationHasNoPlan() {
    assertThat(plan(workload(null))).isEqualTo(TriggerPlan.NONE);
  }

  @Test
  void indexNameAndInitContainerSelectorsAndCronJobPaths() {
    stream("team", "app", "latest", APP_D1);
    stream("team", "tools", "v1", "quay.io/org/tools@" + D2);
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "app:latest"),
                    "spec.jobTemplate.spec.template.spec.containers[1].image",
                    false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "tools:v1"),
                    "spec.jobTemplate.spec.template.spec.initContainers[?(@.name==\"init\")].image",
                    false)));

    TriggerPlan plan =
        TriggerPlanner.plan(
            new TriggeredWorkload(
                "CronJob",
                "team",
                PodSpecPath.JOB_TEMPLATE,
                annotation,
                List.of(new ContainerImage("main", "m"), new ContainerImage("second", "s")),
                List.of(new ContainerImage("init", "i"))),
            lookup);

    assertThat(plan.problems()).isEmpty();
    assertThat(plan.writes())
        .containsExactly(
            new ImageWrite(false, 1, "second", "s", APP_D1, "team/app:latest"),
            new ImageWrite(true, 0, "init", "i", "quay.io/org/tools@" + D2, "team/tools:v1"));
    assertThat(plan.writes().get(1).containerPointer()).isEqualTo("/initContainers/0");
  }

  @Test
  void pausedTriggersDoNothingAndAreNoProblem() {
    stream("team", "app", "latest", APP_D1);

    TriggerPlan plan =
        plan(
            workload(
                TriggerAnnotation.write(
                    List.of(
                        new ImageTrigger(
                            ImageTrigger.Source.streamTag("", "gone:1"), "nonsense", true)))));

    assertThat(plan).isEqualTo(TriggerPlan.NONE);
  }

  @Test
  void theLocalReferencePolicyAndAReferenceTagAreApplied() {
    ImageStream local = stream("team", "app", "latest", APP_D1);
    local.setSpec(
        Streams.stream("team", "app").tag(spec("latest", "Local", false)).build().getSpec());
    local.setStatus(status("reg.svc:5000/team/app", tagStatus("latest", APP_D1, D1)));
    ImageStream ref = stream("team", "ref", "v1", "quay.io/org/app:v1");
    ref.setSpec(Streams.stream("team", "ref").tag(spec("v1", null, true)).build().getSpec());
    ref.setStatus(status(null, tagStatus("v1", "quay.io/org/app:v1", "")));

    TriggerPlan plan =
        plan(
            workload(
                TriggerAnnotation.write(
                    List.of(
                        new ImageTrigger(
                            ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                        new ImageTrigger(
                            ImageTrigger.Source.streamTag("", "ref:v1"),
                            "spec.template.spec.containers[1].image",
                            false)))));

    assertThat(plan.writes())
        .extracting(ImageWrite::to)
        .containsExactly("reg.svc:5000/team/app@" + D1, "quay.io/org/app:v1");
  }

  @Test
  void aCrossNamespaceTriggerNeedsTheSourceStreamsGrant() {
    ImageStream shared = stream("shared", "base", "1", APP_D1);
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("shared", "base:1"), WEB, false)));

    TriggerPlan refused = plan(workload(annotation));
    assertThat(refused.writes()).isEmpty();
    assertThat(refused.problems())
        .containsExactly(
            new TriggerProblem(
                TriggerReason.REFERENCE_REFUSED,
                "trigger [0] (fieldPath \""
                    + WEB
                    + "\"): ImageStream shared/base does not allow references from namespace team:"
                    + " its owner can grant them with the annotation"
                    + " imagestreams.dev/allow-references-from: \"team\""));

    shared.getMetadata().setAnnotations(Map.of(ReferenceGrant.ANNOTATION, "team"));
    TriggerPlan granted = plan(workload(annotation));
    assertThat(granted.problems()).isEmpty();
    assertThat(granted.writes()).extracting(ImageWrite::source).containsExactly("shared/base:1");
  }

  @Test
  void anUnknownStreamOrTagIsNamedAndATagNotImportedYetIsNot() {
    ImageStream app = stream("team", "app", "latest", APP_D1);
    app.setSpec(
        Streams.stream("team", "app")
            .tag(spec("latest", null, false))
            .tag(spec("next", null, false))
            .build()
            .getSpec());
    app.getStatus().tags().add(new NamedTagEventList("failed", List.of(), null, null, null));
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "nope:1"),
                    "spec.template.spec.containers[0].image",
                    false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "app:missing"),
                    "spec.template.spec.containers[1].image",
                    false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "app:next"),
                    "spec.template.spec.initContainers[0].image",
                    false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "app:failed"),
                    "spec.template.spec.initContainers[1].image",
                    false)));

    TriggerPlan plan = plan(workload(annotation));

    assertThat(plan.writes()).isEmpty();
    assertThat(plan.problems())
        .containsExactly(
            new TriggerProblem(
                TriggerReason.STREAM_NOT_FOUND,
                "trigger [0] (fieldPath \"spec.template.spec.containers[0].image\") follows"
                    + " ImageStream team/nope, which does not exist"),
            new TriggerProblem(
                TriggerReason.TAG_NOT_FOUND,
                "trigger [1] (fieldPath \"spec.template.spec.containers[1].image\") follows"
                    + " team/app:missing: ImageStream team/app has no tag missing"));
  }

  @Test
  void otherKindsOtherApiVersionsAndNamesWithoutATagAreIgnoredAndNamed() {
    stream("team", "app", "latest", APP_D1);
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(
                    new ImageTrigger.Source("DockerImage", "app:latest", "", ""),
                    "spec.template.spec.containers[0].image",
                    false),
                new ImageTrigger(
                    new ImageTrigger.Source("ImageStreamTag", "app:latest", "", "v1"),
                    "spec.template.spec.containers[1].image",
                    false),
                new ImageTrigger(
                    new ImageTrigger.Source("ImageStreamTag", "app", "", ""),
                    "spec.template.spec.initContainers[0].image",
                    false),
                new ImageTrigger(
                    new ImageTrigger.Source("ImageStreamTag", ":latest", "", ""),
                    "spec.template.spec.initContainers[1].image",
                    false),
                new ImageTrigger(
                    new ImageTrigger.Source(
                        "ImageStreamTag", "app:latest", "", "image.openshift.io/v1"),
                    WEB,
                    false)));

    TriggerPlan plan = plan(workload(annotation));

    assertThat(plan.problems())
        .extracting(TriggerProblem::reason)
        .containsExactly(
            TriggerReason.UNSUPPORTED_SOURCE,
            TriggerReason.UNSUPPORTED_SOURCE,
            TriggerReason.UNSUPPORTED_SOURCE,
            TriggerReason.UNSUPPORTED_SOURCE);
    assertThat(plan.problems())
        .extracting(TriggerProblem::message)
        .containsExactly(
            "trigger [0] (fieldPath \"spec.template.spec.containers[0].image\") follows from.kind"
                + " \"DockerImage\": only ImageStreamTag triggers act; it is ignored",
            "trigger [1] (fieldPath \"spec.template.spec.containers[1].image\") follows"
                + " from.apiVersion \"v1\": only image.openshift.io/v1 (or none) acts; it is ignored",
            "trigger [2] (fieldPath \"spec.template.spec.initContainers[0].image\") follows from.name"
                + " \"app\": it must be STREAM:TAG; it is ignored",
            "trigger [3] (fieldPath \"spec.template.spec.initContainers[1].image\") follows from.name"
                + " \":latest\": it must be STREAM:TAG; it is ignored");
    assertThat(plan.writes()).extracting(ImageWrite::container).containsExactly("web");
  }

  @Test
  void aNameEndingInAColonFollowsLatest() {
    stream("team", "app", "latest", APP_D1);

    assertThat(plan(workload(trigger("app:", WEB))).writes())
        .extracting(ImageWrite::to)
        .containsExactly(APP_D1);
  }

  @Test
  void aPathOutsideTheKindsPodSpecIsIgnoredAndNamed() {
    stream("team", "app", "latest", APP_D1);

    TriggerPlan plan =
        plan(
            workload(
                trigger("app:latest", "spec.jobTemplate.spec.template.spec.containers[0].image")));

    assertThat(plan.writes()).isEmpty();
    assertThat(plan.problems())
        .containsExactly(
            new TriggerProblem(
                TriggerReason.INVALID_FIELD_PATH,
                "trigger [0] (fieldPath \"spec.jobTemplate.spec.template.spec.containers[0].image\")"
                    + " does not start with \"spec.template.spec.\", the pod spec of a Deployment:"
                    + " it is ignored"));
  }

  @Test
  void aMalformedPathOrAMissingContainerStopsEveryWriteAsInOpenShift() {
    stream("team", "app", "latest", APP_D1);
    String malformed =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "app:latest"),
                    "spec.template.spec.containers[1].name",
                    false)));
    String missing =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "app:latest"),
                    "spec.template.spec.containers[?(@.name=='web')].image",
                    false)));

    TriggerPlan first = plan(workload(malformed));
    TriggerPlan second = plan(workload(missing));

    assertThat(first.writes()).isEmpty();
    assertThat(first.problems())
        .containsExactly(
            new TriggerProblem(
                TriggerReason.INVALID_FIELD_PATH,
                "trigger [1] (fieldPath \"spec.template.spec.containers[1].name\") is not"
                    + " spec.template.spec.containers[INDEX or ?(@.name==\"NAME\")].image (or"
                    + " initContainers): no trigger of this Deployment acts until it is fixed"));
    assertThat(second.writes()).isEmpty();
    assertThat(second.problems())
        .containsExactly(
            new TriggerProblem(
                TriggerReason.CONTAINER_NOT_FOUND,
                "trigger [1] (fieldPath \"spec.template.spec.containers[?(@.name=='web')].image\")"
                    + " selects no container of this Deployment (containers: web, sidecar): no"
                    + " trigger of it acts until it is fixed"));
  }

  @Test
  void aMissingInitContainerListIsNamedAsNone() {
    stream("team", "app", "latest", APP_D1);

    TriggerPlan plan =
        plan(workload(trigger("app:latest", "spec.template.spec.initContainers[5].image")));

    assertThat(plan.problems())
        .extracting(TriggerProblem::message)
        .singleElement()
        .asString()
        .contains("(initContainers: none)");
  }

  @Test
  void aBadPathOfATriggerWhoseTagDoesNotResolveStopsNothing() {
    stream("team", "app", "latest", APP_D1);
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "gone:1"),
                    "spec.template.spec.containers[9].image",
                    false)));

    TriggerPlan plan = plan(workload(annotation));

    assertThat(plan.writes()).extracting(ImageWrite::to).containsExactly(APP_D1);
    assertThat(plan.problems())
        .extracting(TriggerProblem::reason)
        .containsExactly(TriggerReason.STREAM_NOT_FOUND);
  }

  @Test
  void twoTriggersOnOneContainerTheLastWins() {
    stream("team", "app", "latest", APP_D1);
    stream("team", "next", "latest", APP_D2);
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "next:latest"),
                    "spec.template.spec.containers[0].image",
                    false)));

    assertThat(plan(workload(annotation)).writes())
        .containsExactly(
            new ImageWrite(false, 0, "web", "placeholder", APP_D2, "team/next:latest"));
  }

  @Test
  void twoTriggersOnOneContainerThatEndWhereItWasWriteNothing() {
    stream("team", "app", "latest", APP_D1);
    stream("team", "next", "latest", "placeholder");
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                new ImageTrigger(
                    ImageTrigger.Source.streamTag("", "next:latest"),
                    "spec.template.spec.containers[0].image",
                    false)));

    assertThat(plan(workload(annotation)).writes()).isEmpty();
  }

  @Test
  void anInvalidAnnotationIsOneProblemAndNoWrite() {
    stream("team", "app", "latest", APP_D1);

    TriggerPlan plan = plan(workload("[{\"fieldPath\":\"" + "x" + "\",\"paused\":\"false\"}]"));

    assertThat(plan.writes()).isEmpty();
    assertThat(plan.problems())
        .containsExactly(
            new TriggerProblem(
                TriggerReason.INVALID_ANNOTATION,
                "annotation image.openshift.io/triggers is invalid: [0].paused must be true or"
                    + " false, not the string \"false\""));
  }

  @Test
  void followsTheActiveStreamTagEntriesOfAValidAnnotation() {
    String annotation =
        TriggerAnnotation.write(
            List.of(
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:latest"), WEB, false),
                new ImageTrigger(ImageTrigger.Source.streamTag("shared", "base:1"), "b", false),
                new ImageTrigger(ImageTrigger.Source.streamTag("", "app:other"), "c", false),
                new ImageTrigger(ImageTrigger.Source.streamTag("", "paused:1"), "d", true),
                new ImageTrigger(new ImageTrigger.Source("DockerImage", "x:1", "", ""), "e", false),
                new ImageTrigger(ImageTrigger.Source.streamTag("", ":1"), "f", false),
                new ImageTrigger(ImageTrigger.Source.streamTag("", "notag"), "g", false)));

    assertThat(TriggerPlanner.followed("team", annotation))
        .containsExactly(
            new StreamId("team", "app"),
            new StreamId("shared", "base"),
            new StreamId("team", "notag"));
    assertThat(TriggerPlanner.followed("team", null)).isEmpty();
    assertThat(TriggerPlanner.followed("team", "{")).isEmpty();
  }

  @Test
  void theReasonsHaveTheirWireNames() {
    assertThat(TriggerReason.INVALID_ANNOTATION.wire()).isEqualTo("InvalidImageTriggers");
    assertThat(TriggerReason.IMAGE_UPDATED).hasToString("ImageTriggered");
  }

  private TriggerPlan plan(TriggeredWorkload workload) {
    return TriggerPlanner.plan(workload, lookup);
  }

  private static TriggeredWorkload workload(String annotation) {
    return new TriggeredWorkload(
        "Deployment",
        "team",
        PodSpecPath.TEMPLATE,
        annotation,
        List.of(new ContainerImage("web", "placeholder"), new ContainerImage("sidecar", "s")),
        null);
  }

  private static String trigger(String streamTag, String fieldPath) {
    return TriggerAnnotation.write(
        List.of(new ImageTrigger(ImageTrigger.Source.streamTag("", streamTag), fieldPath, false)));
  }

  private ImageStream stream(String namespace, String name, String tag, String pullSpec) {
    ImageStream s = Streams.stream(namespace, name).build();
    s.setStatus(
        status(
            null,
            tagStatus(
                tag,
                pullSpec,
                pullSpec.contains("@") ? pullSpec.substring(pullSpec.indexOf('@') + 1) : "")));
    streams.put(namespace + "/" + name, s);
    return s;
  }

  private static TagReference spec(String tag, String policy, boolean reference) {
    return new TagReference(
        tag,
        null,
        TagSource.of(TagSource.DOCKER_IMAGE, "quay.io/org/app:" + tag, null),
        reference ? Boolean.TRUE : null,
        null,
        null,
        policy == null ? null : new TagReferencePolicy(policy));
  }

  private static NamedTagEventList tagStatus(String tag, String pullSpec, String image) {
    return new NamedTagEventList(
        tag, List.of(new TagEvent("2026-01-01T00:00:00Z", pullSpec, image, 1L)), null, null, null);
  }

  private static ImageStreamStatus status(String repository, NamedTagEventList... tags) {
    return new ImageStreamStatus(
        repository, null, new ArrayList<>(List.of(tags)), null, null, null, null, null, null, null);
  }
}
