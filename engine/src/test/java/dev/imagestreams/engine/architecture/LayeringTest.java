package dev.imagestreams.engine.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import dev.imagestreams.registry.RegistryClient;
import dev.imagestreams.testinfra.TopLevelPackages;
import io.fabric8.kubernetes.client.CustomResource;
import org.junit.jupiter.api.Test;

/**
 * The engine's boundaries and layering, as docs/architecture.md states them: the engine uses no
 * controller framework, no Kubernetes client and no metrics library (its front ends do); its
 * packages form no cycle; {@code imports} is a leaf; the pure packages decide without I/O.
 */
class LayeringTest {
  private static final String ENGINE = "dev.imagestreams.engine";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ENGINE);

  /** What does I/O: the importer, the schedule, the lifecycle (root), the registry client. */
  private static final DescribedPredicate<JavaClass> IO =
      resideInAnyPackage(
              ENGINE + ".importer..",
              ENGINE + ".schedule..",
              "java.net..",
              "dev.imagestreams.registry.http..")
          .or(resideInAPackage(ENGINE))
          .or(equivalentTo(RegistryClient.class))
          .as("I/O (importer, schedule, the lifecycle, java.net, RegistryClient, registry.http)");

  /** One slice per top-level engine package; the root package (the lifecycle) is one too. */
  private static final SliceAssignment PACKAGES =
      new TopLevelPackages(ENGINE, "the engine's packages");

  @Test
  void theEngineUsesNoControllerFrameworkKubernetesClientOrMetricsLibrary() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                    "io.javaoperatorsdk..", "io.fabric8.kubernetes.client..", "io.micrometer..")
                .and(DescribedPredicate.not(equivalentTo(CustomResource.class))))
        .because(
            "the operator and the kubectl plugin are its front ends; the API model (and its base"
                + " class CustomResource) is data")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theSharedImportTypesAreALeaf() {
    noClasses()
        .that()
        .resideInAPackage(ENGINE + ".imports..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(ENGINE + "..")
                .and(DescribedPredicate.not(resideInAPackage(ENGINE + ".imports.."))))
        .because("imports holds the values other packages share, so it must not lead back to them")
        .check(CLASSES);
  }

  @Test
  void pureDecisionsDoNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage(
            ENGINE + ".imports..",
            ENGINE + ".planning..",
            ENGINE + ".status..",
            ENGINE + ".namespace..",
            ENGINE + ".triggers..",
            ENGINE + ".resolution..")
        .should()
        .dependOnClassesThat(IO)
        .because("these packages decide from data, and are tested without a cluster or a registry")
        .check(CLASSES);
  }
}
