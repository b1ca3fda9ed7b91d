package dev.imagestreams.plugin.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plugin is a front end of the import engine beside the operator, never on top of it: it uses
 * the api, registry and engine modules and the Kubernetes client, and its verb packages form no
 * cycle.
 */
class BoundariesTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.imagestreams.plugin");

  @Test
  void thePluginUsesNeitherTheOperatorNorItsFramework() {
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAnyPackage(
                "dev.imagestreams.operator..", "io.javaoperatorsdk..", "io.micrometer.."))
        .because("the plugin starts fast and runs without the operator's daemon dependencies")
        .check(CLASSES);
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.imagestreams.plugin.(*)..").should().beFreeOfCycles().check(CLASSES);
  }
}
