package dev.imagestreams.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuiltBinaryTest {

  @Test
  void readsTheVersionAGoModRequires() {
    String goMod =
        """
        module dev.imagestreams/test-infra/kube

        go 1.26.0

        require k8s.io/kubernetes v1.37.2 // indirect

        require (
        \tgithub.com/distribution/distribution/v3 v3.1.2 // indirect
        \tk8s.io/api v0.37.2 // indirect
        )

        replace k8s.io/client-go => k8s.io/client-go v0.37.2
        """;
    assertEquals(Optional.of("1.37.2"), BuiltBinary.requiredVersion(goMod, "k8s.io/kubernetes"));
    assertEquals(
        Optional.of("3.1.2"),
        BuiltBinary.requiredVersion(goMod, "github.com/distribution/distribution/v3"));
    assertEquals(Optional.empty(), BuiltBinary.requiredVersion(goMod, "k8s.io/client-go"));
    assertEquals(
        Optional.empty(),
        BuiltBinary.requiredVersion(goMod, "github.com/distribution/distribution"));
  }

  @Test
  void everyBinaryIsPinnedInTestInfra() {
    for (BuiltBinary binary : BuiltBinary.values()) {
      assertTrue(binary.pinnedVersion().isPresent(), binary.name());
    }
    assertEquals(Optional.of("3.1.2"), BuiltBinary.DISTRIBUTION_REGISTRY.pinnedVersion());
  }

  @Test
  void looksWhereBuildShWrites() {
    Path root = BuiltBinary.outputRoot();
    String registry = BuiltBinary.DISTRIBUTION_REGISTRY.pinnedVersion().orElseThrow();
    assertEquals(
        root.resolve("registry").resolve(registry).resolve("registry"),
        BuiltBinary.DISTRIBUTION_REGISTRY.path());
    String crane = BuiltBinary.CRANE.pinnedVersion().orElseThrow();
    assertEquals(root.resolve("crane").resolve(crane).resolve("crane"), BuiltBinary.CRANE.path());
    String helm = BuiltBinary.HELM.pinnedVersion().orElseThrow();
    assertEquals(root.resolve("helm").resolve(helm).resolve("helm"), BuiltBinary.HELM.path());
    String kube = BuiltBinary.KUBE_CONTROL_PLANE.pinnedVersion().orElseThrow();
    Path kubeDirectory = BuiltBinary.KUBE_CONTROL_PLANE.directory();
    assertEquals(root.resolve("k8s"), kubeDirectory.getParent());
    assertTrue(
        kubeDirectory.getFileName().toString().startsWith(kube + "-linux-"),
        kubeDirectory::toString);
    assertEquals(kubeDirectory.resolve("kube-apiserver"), BuiltBinary.KUBE_CONTROL_PLANE.path());
  }

  @Test
  void missingSaysWhatWhereAndHow() {
    String line = BuiltBinary.DISTRIBUTION_REGISTRY.missing();
    assertEquals(
        "not built: the CNCF distribution registry (no "
            + BuiltBinary.DISTRIBUTION_REGISTRY.path()
            + "); run test-infra/build.sh, which needs Go (https://go.dev/doc/install);"
            + " ./mvnw verify runs it before the integration tests",
        line);
    assertTrue(!line.contains("\n"));
  }
}
