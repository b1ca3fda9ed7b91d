package dev.imagestreams.plugin.set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.engine.triggers.PodSpecPath;
import dev.imagestreams.engine.triggers.TriggerAnnotation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code oc set triggers} for workloads: oc's flag rules and messages, reads, writes, listing. */
class TriggerEditTest {
  private static final String WEB = "spec.template.spec.containers[?(@.name==\\\"web\\\")].image";

  private static TriggerEdit.Flags flags(
      String from, String c, boolean manual, boolean auto, boolean remove, boolean removeAll) {
    return new TriggerEdit.Flags(from, c, manual, auto, remove, removeAll);
  }

  private static TriggerEdit.Workload deployment(String annotation, boolean paused) {
    return new TriggerEdit.Workload(
        "deployments",
        "web",
        "team",
        PodSpecPath.TEMPLATE,
        List.of("web", "sidecar"),
        List.of("setup"),
        annotation,
        paused);
  }

  /** Runs the command's decisions on a workload; returns what is written. */
  private static TriggerEdit.Result edit(TriggerEdit.Workload w, TriggerEdit.Flags f)
      throws Exception {
    TriggerEdit.Request r = TriggerEdit.request(f, "team");
    return TriggerEdit.apply(TriggerEdit.update(TriggerEdit.read(w), r), w);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
          # from       | -c  | manual | auto  | remove | remove-all | message
          -            | -   | true   | true  | false  | false      | you must specify at most one of --auto or --manual
          -            | -   | false  | false | true   | true       | you must specify either --remove or --remove-all
          app:1        | -   | false  | false | false  | true       | --remove-all may not be used with any other flag
          -            | -   | true   | false | false  | true       | --remove-all may not be used with any other flag
          -            | -   | false  | false | true   | false      | --remove requires a flag defining a trigger type to be specified
          quay.io/a/b:1 | -  | false  | false | false  | false      | the value of --from-image must point to an image stream tag on this server
          reg:5000/b:1 | -   | false  | false | false  | false      | the value of --from-image must point to an image stream tag on this server
          localhost/b:1 | -  | false  | false | false  | false      | the value of --from-image must point to an image stream tag on this server
          a/b/c:1      | -   | false  | false | false  | false      | the value of --from-image must point to an image stream tag on this server
          app@sha256:abc | - | false  | false | false  | false      | the value of --from-image must point to an image stream tag on this server
          app          | -   | false  | false | false  | false      | the value of --from-image must include the tag you wish to pull from
          app:         | -   | false  | false | false  | false      | the value of --from-image must include the tag you wish to pull from
          App:1        | -   | false  | false | false  | false      | the value of --from-image does not appear to be a valid reference to an image: invalid reference format
          :1           | -   | false  | false | false  | false      | the value of --from-image does not appear to be a valid reference to an image: invalid reference format
          app:-x       | -   | false  | false | false  | false      | the value of --from-image does not appear to be a valid reference to an image: invalid reference format
          Team/app:1   | -   | false  | false | false  | false      | the value of --from-image does not appear to be a valid reference to an image: invalid reference format
          """)
  void refusesWhatOcRefusesWithItsMessages(
      String from,
      String containers,
      boolean manual,
      boolean auto,
      boolean remove,
      boolean removeAll,
      String message) {
    assertThatThrownBy(
            () ->
                TriggerEdit.request(
                    flags(from, containers, manual, auto, remove, removeAll), "team"))
        .isInstanceOf(TriggerEdit.InvalidRequest.class)
        .hasMessage(message);
  }

  @Test
  void noFlagsListsAndAFromImageDefaultsToAuto() throws Exception {
    assertThat(
            TriggerEdit.request(flags(null, null, false, false, false, false), "team").printTable())
        .isTrue();
    TriggerEdit.Request set =
        TriggerEdit.request(flags("other/app:1", "web", false, false, false, false), "team");
    assertThat(set.printTable()).isFalse();
    assertThat(set.auto()).isTrue();
    assertThat(set.reset()).isFalse();
    assertThat(set.from()).isEqualTo("app:1");
    assertThat(set.fromNamespace()).isEqualTo("other");
    assertThat(
            TriggerEdit.request(flags("team/app:1", "web", false, false, false, false), "team")
                .fromNamespace())
        .as("the workload's own namespace is left out")
        .isEmpty();
    assertThat(TriggerEdit.request(flags(null, null, true, false, false, false), "team").reset())
        .isTrue();
  }

  @Test
  void setsATriggerAsOcWritesIt() throws Exception {
    TriggerEdit.Result r =
        edit(deployment(null, false), flags("app:latest", "web", false, false, false, false));

    assertThat(r.annotation())
        .isEqualTo(
            "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\"},\"fieldPath\":\""
                + WEB
                + "\"}]");
    assertThat(r.paused()).isFalse();
    assertThat(TriggerAnnotation.parse(r.annotation()).valid()).isTrue();
  }

  @Test
  void severalContainersAnotherNamespaceManualAndAnInitContainer() throws Exception {
    TriggerEdit.Result r =
        edit(
            deployment(null, false),
            flags("shared/base:1", "web,setup", true, false, false, false));

    assertThat(TriggerAnnotation.parse(r.annotation()).triggers())
        .extracting(
            t ->
                t.from().namespace()
                    + " "
                    + t.from().name()
                    + " "
                    + t.fieldPath()
                    + " "
                    + t.paused())
        .containsExactly(
            "shared base:1 spec.template.spec.containers[?(@.name==\"web\")].image true",
            "shared base:1 spec.template.spec.initContainers[?(@.name==\"setup\")].image true");
    assertThat(r.paused()).as("--manual with --from-image does not pause the Deployment").isFalse();
  }

  @Test
  void aSecondFromImageOfTheSameTagReplacesItsContainers() throws Exception {
    String first =
        edit(deployment(null, false), flags("app:latest", "web", false, false, false, false))
            .annotation();
    TriggerEdit.Result r =
        edit(deployment(first, false), flags("app:latest", "sidecar", false, false, false, false));

    assertThat(TriggerAnnotation.parse(r.annotation()).triggers())
        .extracting(t -> t.fieldPath())
        .containsExactly("spec.template.spec.containers[?(@.name==\"sidecar\")].image");
  }

  @Test
  void manualAndAutoAloneSwitchEveryTriggerAndTheDeploymentsRollouts() throws Exception {
    String set =
        edit(deployment(null, false), flags("app:latest", "web", false, false, false, false))
            .annotation();

    TriggerEdit.Result manual =
        edit(deployment(set, false), flags(null, null, true, false, false, false));
    assertThat(TriggerAnnotation.parse(manual.annotation()).triggers()).allMatch(t -> t.paused());
    assertThat(manual.paused()).isTrue();

    TriggerEdit.Result auto =
        edit(deployment(manual.annotation(), true), flags(null, null, false, true, false, false));
    assertThat(TriggerAnnotation.parse(auto.annotation()).triggers()).noneMatch(t -> t.paused());
    assertThat(auto.paused()).isFalse();
  }

  @Test
  void removeTakesOutTheTagsTriggersAndRemoveAllEverythingPausingTheDeployment() throws Exception {
    String two =
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\"},\"fieldPath\":\""
            + WEB
            + "\"},{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"side:1\"},"
            + "\"fieldPath\":\"spec.template.spec.containers[1].image\"}]";

    TriggerEdit.Result removed =
        edit(deployment(two, false), flags("app:latest", null, false, false, true, false));
    assertThat(TriggerAnnotation.parse(removed.annotation()).triggers())
        .extracting(t -> t.from().name() + " " + t.fieldPath())
        .containsExactly("side:1 spec.template.spec.containers[?(@.name==\"sidecar\")].image");

    TriggerEdit.Result all =
        edit(deployment(two, false), flags(null, null, false, false, false, true));
    assertThat(all.annotation()).isEqualTo("null");
    assertThat(all.paused()).isTrue();
    assertThat(TriggerAnnotation.parse(all.annotation()).triggers()).isEmpty();
  }

  @Test
  void containersMustBeNamedExistAndBeTriggeredOnce() throws Exception {
    assertThatThrownBy(
            () -> edit(deployment(null, false), flags("app:1", null, false, false, false, false)))
        .hasMessage("you must specify --containers when setting --from-image");
    assertThatThrownBy(
            () ->
                edit(
                    deployment(null, false),
                    flags("app:1", "web,nope,zed", false, false, false, false)))
        .hasMessage("not all container names exist: nope, zed (accepts: setup, sidecar, web)");
    String set =
        edit(deployment(null, false), flags("app:1", "web", false, false, false, false))
            .annotation();
    assertThatThrownBy(
            () -> edit(deployment(set, false), flags("other:1", "web", false, false, false, false)))
        .hasMessage("only one trigger may reference each container: web");
  }

  @Test
  void entriesThatSelectNoContainerAreKeptAsTheyAre() throws Exception {
    String odd =
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"x:1\"},"
            + "\"fieldPath\":\"spec.template.spec.containers[?(@.name=='web')].image\"}]";

    TriggerEdit.Result r =
        edit(deployment(odd, false), flags("app:1", "web", false, false, false, false));

    assertThat(TriggerAnnotation.parse(r.annotation()).triggers())
        .extracting(t -> t.from().name())
        .containsExactly("app:1", "x:1");
  }

  @Test
  void anInvalidAnnotationIsRefusedNamingTheWorkload() {
    assertThatThrownBy(
            () ->
                edit(
                    deployment("[{\"paused\":\"false\"}]", false),
                    flags(null, null, true, false, false, false)))
        .hasMessage(
            "deployments/web: the annotation image.openshift.io/triggers is invalid: [0].paused must"
                + " be true or false, not the string \"false\"");
  }

  @Test
  void listsAsOc() throws Exception {
    String annotation =
        "[{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"app:latest\"},\"fieldPath\":\""
            + WEB
            + "\"},{\"from\":{\"kind\":\"ImageStreamTag\",\"name\":\"base:1\",\"namespace\":\"shared\"},"
            + "\"fieldPath\":\"spec.template.spec.containers[1].image\",\"paused\":true}]";
    TriggerEdit.Workload w = deployment(annotation, true);

    assertThat(TriggerEdit.rows(w, TriggerEdit.read(w)))
        .containsExactly(
            List.of("deployments/web", "config", "", "false"),
            List.of("deployments/web", "image", "app:latest (web)", "true"),
            List.of("deployments/web", "image", "shared/base:1 (sidecar)", "false"));

    TriggerEdit.Workload cron =
        new TriggerEdit.Workload(
            "cronjobs",
            "job",
            "team",
            PodSpecPath.JOB_TEMPLATE,
            List.of("main"),
            List.of(),
            null,
            null);
    assertThat(TriggerEdit.rows(cron, TriggerEdit.read(cron)))
        .containsExactly(List.of("cronjobs/job", "config", "", "true"));
    assertThat(TriggerEdit.apply(TriggerEdit.read(cron), cron))
        .isEqualTo(new TriggerEdit.Result("null", null));
  }

  @Test
  void theWorkloadTypesKubectlNames() {
    assertThat(WorkloadType.of("deploy")).contains(WorkloadType.DEPLOYMENT);
    assertThat(WorkloadType.of("deployments.apps")).contains(WorkloadType.DEPLOYMENT);
    assertThat(WorkloadType.of("Deployment")).contains(WorkloadType.DEPLOYMENT);
    assertThat(WorkloadType.of("sts")).contains(WorkloadType.STATEFUL_SET);
    assertThat(WorkloadType.of("ds")).contains(WorkloadType.DAEMON_SET);
    assertThat(WorkloadType.of("cronjob.batch")).contains(WorkloadType.CRON_JOB);
    assertThat(WorkloadType.of("cj")).contains(WorkloadType.CRON_JOB);
    assertThat(WorkloadType.of("job")).isEmpty();
    assertThat(WorkloadType.of("pods")).isEmpty();
    assertThat(WorkloadType.of("deployment.batch")).isEmpty();
    assertThat(WorkloadType.CRON_JOB.qualified()).isEqualTo("cronjob.batch");
    assertThat(WorkloadType.DEPLOYMENT.qualified()).isEqualTo("deployment.apps");
  }
}
