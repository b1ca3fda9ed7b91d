package dev.imagestreams.registry.architecture;

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
import dev.imagestreams.testinfra.TopLevelPackages;
import java.net.http.HttpHeaders;
import org.junit.jupiter.api.Test;

/**
 * The registry library's layering: its packages form no cycle (the root, which calls registries,
 * sits on {@code http}, which sends requests), and the value packages ({@code reference}, {@code
 * manifest}, {@code error}, {@code auth}) parse and decide without sending anything.
 */
class LayeringTest {
  private static final String REGISTRY = "dev.imagestreams.registry";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(REGISTRY);

  private static final SliceAssignment PACKAGES =
      new TopLevelPackages(REGISTRY, "the registry library's packages");

  @Test
  void noPackageCycles() {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void valuesSendNothing() {
    noClasses()
        .that()
        .resideInAnyPackage(
            REGISTRY + ".reference..",
            REGISTRY + ".manifest..",
            REGISTRY + ".error..",
            REGISTRY + ".auth..")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("java.net.http..", REGISTRY + ".http..")
                .or(resideInAPackage(REGISTRY))
                .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(HttpHeaders.class))))
        .because("they are parsed and decided from data, and tested without a registry")
        .check(CLASSES);
  }
}
