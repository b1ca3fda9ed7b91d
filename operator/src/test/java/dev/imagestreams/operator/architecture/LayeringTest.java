package dev.imagestreams.operator.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import dev.imagestreams.testinfra.TopLevelPackages;
import org.junit.jupiter.api.Test;

/**
 * The operator's packages, the engine's JOSDK front end, depend on each other in no cycle, the root
 * package (the wiring) included.
 */
class LayeringTest {
  private static final String OPERATOR = "dev.imagestreams.operator";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(OPERATOR);

  /** One slice per top-level operator package; the root package is a slice of its own. */
  private static final SliceAssignment PACKAGES =
      new TopLevelPackages(OPERATOR, "the operator's packages");

  @Test
  void noPackageCycles() {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
  }
}
