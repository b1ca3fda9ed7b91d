package dev.imagestreams.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.KubeControlPlane;
import dev.imagestreams.testinfra.Kubectl;
import dev.imagestreams.testinfra.RealApiServer;
import dev.imagestreams.testinfra.RequiresBuilt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code deploy/} on a real API server, applied as an admin does: {@code kubectl apply -k deploy/},
 * client-side and server-side, is accepted without a warning, and the Deployment meets the
 * restricted Pod Security Standard (the API server's PodSecurity admission says nothing about it,
 * while it does warn about a Deployment that breaks the standard).
 */
@Tag("kube-api")
@RequiresBuilt(BuiltBinary.KUBE_CONTROL_PLANE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubeApiServerDeployIT {
  private KubeControlPlane plane;
  private Kubectl kubectl;
  private final String deploy = RealApiServer.deployDir().toString();

  @BeforeAll
  void start() {
    plane = KubeControlPlane.start();
    kubectl = new Kubectl(plane);
  }

  @AfterAll
  void stop() {
    if (plane != null) {
      plane.close();
    }
  }

  @Test
  void applyKIsAcceptedClientSideThenServerSideWithoutWarnings() {
    Kubectl.Result clientSide = kubectl.run("apply", "-k", deploy);
    assertThat(clientSide.ok())
        .contains(
            "customresourcedefinition.apiextensions.k8s.io/imagestreams.image.openshift.io created",
            "namespace/imagestream-operator created",
            "clusterrole.rbac.authorization.k8s.io/imagestream-operator created",
            "role.rbac.authorization.k8s.io/imagestream-operator created",
            "configmap/imagestream-operator-config created",
            "deployment.apps/imagestream-operator created",
            "service/imagestream-operator-metrics created",
            "service/imagestream-operator-webhook created",
            "mutatingwebhookconfiguration.admissionregistration.k8s.io/imagestream-operator-image-lookup"
                + " created");
    assertThat(clientSide.err()).as("warnings").isEmpty();

    // as a GitOps tool (or an upgrade with --server-side) takes the objects over
    Kubectl.Result serverSide = kubectl.run("apply", "-k", deploy, "--server-side");
    assertThat(serverSide.ok()).contains("deployment.apps/imagestream-operator serverside-applied");
    assertThat(serverSide.err()).as("warnings").isEmpty();
    Kubectl.Result dryRun = kubectl.run("apply", "-k", deploy, "--server-side", "--dry-run=server");
    assertThat(dryRun.ok())
        .contains("deployment.apps/imagestream-operator serverside-applied (server dry run)");
    assertThat(dryRun.err()).as("warnings").isEmpty();
    assertThat(
            kubectl
                .run(
                    "get",
                    "deployment",
                    "imagestream-operator",
                    "-n",
                    "imagestream-operator",
                    "-o",
                    "jsonpath={.spec.template.spec.serviceAccountName}")
                .ok())
        .isEqualTo("imagestream-operator");
  }

  @Test
  void theCertManagerVariantInjectsTheCaMountsTheCertificateAndGrantsNoSecret() {
    String rendered =
        kubectl.run("kustomize", Path.of(deploy, "..", "deploy-cert-manager").toString()).ok();
    assertThat(rendered)
        .contains(
            "cert-manager.io/inject-ca-from: imagestream-operator/imagestream-operator-webhook")
        .contains("kind: Certificate", "kind: Issuer")
        .contains("- name: WEBHOOK_CERTIFICATES\n          value: mounted")
        .contains("secretName: imagestream-operator-webhook-cert")
        .contains("mountPath: /etc/imagestream-operator/webhook-tls");
    String role =
        rendered.substring(
            rendered.indexOf("kind: Role\n"),
            rendered.indexOf("---", rendered.indexOf("kind: Role\n")));
    assertThat(role).contains("leases").doesNotContain("secrets");
  }

  @Test
  void theDeploymentMeetsTheRestrictedPodSecurityStandard() throws IOException {
    kubectl.run("create", "namespace", "pss").ok();
    kubectl.run("label", "namespace", "pss", "pod-security.kubernetes.io/warn=restricted").ok();
    String deployment =
        Files.readString(Path.of(deploy, "deployment.yaml"))
            .replace("namespace: imagestream-operator", "namespace: pss");

    Kubectl.Result applied = kubectl.withInput(deployment, "apply", "-f", "-");
    assertThat(applied.ok()).contains("deployment.apps/imagestream-operator created");
    assertThat(applied.err()).as("PodSecurity warnings").doesNotContain("Warning");

    // the check can fail: the same Deployment allowed to escalate privileges is warned about
    Kubectl.Result weaker =
        kubectl.withInput(
            deployment
                .replace("name: imagestream-operator\n", "name: weaker\n")
                .replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"),
            "apply",
            "-f",
            "-");
    assertThat(weaker.err())
        .contains(
            "would violate PodSecurity \"restricted:latest\"", "allowPrivilegeEscalation != false");
  }
}
