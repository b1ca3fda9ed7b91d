package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.imagestreams.api.testing.Streams;
import dev.imagestreams.api.v1.ImageStream;
import dev.imagestreams.testinfra.ApiServer;
import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.Kubectl;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import dev.imagestreams.testinfra.registry.Platform;
import dev.imagestreams.testinfra.registry.PushedImage;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kubectl as users use it on streams the operator imported: the printer columns with real values,
 * {@code -o wide}, {@code kubectl wait}, {@code kubectl describe} and JSONPath over status.
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
class KubeApiServerKubectlIT extends OperatorTestBase {
  @Override
  protected ApiServer startApiServer() {
    return RealApiServer.start();
  }

  private Kubectl kubectl() {
    return new Kubectl(((RealApiServer) api).controlPlane());
  }

  private PushedImage importedPython() {
    PushedImage image =
        REGISTRY.pusher().pushOciImage("library/python", "3.12", Platform.LINUX_AMD64, 21);
    create(
        Streams.stream(ns, "python")
            .dockerImage("3.12", repo("library/python:3.12"))
            .streamTag("latest", "3.12")
            .forCreate());
    return image;
  }

  @Test
  void getShowsThePrinterColumnsWithRealValues() {
    importedPython();
    awaitReady("python");
    List<String> lines = kubectl().run("get", "is", "-n", ns).ok().lines().toList();
    assertThat(lines.get(0)).matches("NAME\\s+READY\\s+IMAGE REPOSITORY\\s+TAGS\\s+UPDATED\\s*");
    assertThat(lines.get(1)).matches("python\\s+True\\s+3\\.12,latest\\s+\\d+s\\s*");

    List<String> wide = kubectl().run("get", "is", "-n", ns, "-o", "wide").ok().lines().toList();
    assertThat(wide.get(0))
        .matches("NAME\\s+READY\\s+IMAGE REPOSITORY\\s+TAGS\\s+REASON\\s+UPDATED\\s*");
    assertThat(wide.get(1)).matches("python\\s+True\\s+3\\.12,latest\\s+Imported\\s+\\d+s\\s*");
  }

  @Test
  void waitForReadyReturnsOnceImported() {
    importedPython();
    Kubectl.Result waited =
        kubectl().run("wait", "-n", ns, "--for=condition=Ready", "is/python", "--timeout=60s");
    assertThat(waited.ok()).contains("imagestream.image.openshift.io/python condition met");
  }

  @Test
  void waitForReadyTimesOutOnAFailedImport() {
    create(Streams.stream(ns, "broken").dockerImage("1", repo("library/none:1")).forCreate());
    awaitObserved("broken");
    Kubectl.Result waited =
        kubectl().run("wait", "-n", ns, "--for=condition=Ready", "is/broken", "--timeout=3s");
    assertThat(waited.exitCode()).isNotZero();
    assertThat(
            kubectl()
                .run(
                    "get",
                    "is/broken",
                    "-n",
                    ns,
                    "-o",
                    "jsonpath={.status.conditions[?(@.type==\"Ready\")].reason}")
                .ok())
        .isEqualTo("ImportFailed");
  }

  @Test
  void describeIsReadable() {
    PushedImage image = importedPython();
    awaitReady("python");
    String described = kubectl().run("describe", "is", "python", "-n", ns).ok();
    assertThat(described)
        .containsPattern("(?m)^Name:\\s+python$")
        .containsPattern("(?m)^Namespace:\\s+" + Pattern.quote(ns) + "$")
        .containsPattern("(?m)^API Version:\\s+image.openshift.io/v1$")
        .containsPattern("(?m)^Kind:\\s+ImageStream$")
        .contains("Spec:", "Status:", "Conditions:", "Tags:")
        .contains(image.digest())
        .containsPattern("(?m)^\\s+Reason:\\s+Imported$")
        .doesNotContain("map[");
  }

  @Test
  void aStreamInAPrivilegedNamespaceSaysSoInGetAndDescribe() {
    create(
        Streams.stream("default", "python")
            .dockerImage("3.12", repo("library/python:3.12"))
            .forCreate());
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(kubectl().run("get", "is", "python", "-n", "default").ok().lines())
                    .element(1, as(InstanceOfAssertFactories.STRING))
                    .matches("python\\s+False\\s+.*"));
    assertThat(kubectl().run("get", "is", "python", "-n", "default", "-o", "wide").ok())
        .contains("PrivilegedNamespace");
    assertThat(kubectl().run("describe", "is", "python", "-n", "default").ok())
        .containsPattern("(?m)^\\s+Reason:\\s+PrivilegedNamespace$")
        .contains("default");
    k8s.resources(ImageStream.class).inNamespace("default").withName("python").delete();
  }

  @Test
  void jsonPathOverStatusFields() {
    PushedImage image = importedPython();
    awaitReady("python");
    assertThat(pythonJsonPath("{.status.tags[?(@.tag==\"3.12\")].items[0].image}"))
        .isEqualTo(image.digest());
    assertThat(
            pythonJsonPath(
                    "{range .status.tags[*]}{.tag}={.items[0].dockerImageReference}{\"\\n\"}{end}")
                .lines()
                .sorted()
                .toList())
        .containsExactly(
            "3.12=" + repo("library/python") + "@" + image.digest(),
            "latest=" + repo("library/python") + "@" + image.digest());
  }

  /** What {@code kubectl get is/python -o jsonpath=TEMPLATE} prints. */
  private String pythonJsonPath(String template) {
    return kubectl().run("get", "is/python", "-n", ns, "-o", "jsonpath=" + template).ok();
  }
}
