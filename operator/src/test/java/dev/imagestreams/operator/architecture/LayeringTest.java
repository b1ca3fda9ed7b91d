package dev.imagestreams.operator.architecture;

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
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import dev.imagestreams.operator.config.ConfigSource;
import dev.imagestreams.registry.RegistryClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.junit.jupiter.api.Test;

/**
 * The layering of the operator's packages, as their {@code package-info.java} state it: the pure
 * packages ({@code imports}, {@code planning}, {@code status}, {@code namespace}) decide without
 * I/O, {@code imports} depends on no other operator package, and no operator packages depend on
 * each other in a cycle, the root package (the wiring) included.
 */
class LayeringTest {
  private static final String OPERATOR = "dev.imagestreams.operator";
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(OPERATOR);

  /**
   * What does I/O or drives it: the operator's I/O packages and its root (the wiring), {@code
   * ConfigSource}, the Kubernetes client (its model, {@code io.fabric8.kubernetes.api.model}, is
   * data and allowed), JOSDK (but {@code ResourceID}, a namespace and a name), {@code java.net} and
   * its HTTP client, and the registry module's {@code RegistryClient} and {@code registry.http}
   * (its references, manifests, errors and credentials are values and allowed).
   */
  private static final DescribedPredicate<JavaClass> IO =
      resideInAnyPackage(
              OPERATOR + ".importer..",
              OPERATOR + ".reconciler..",
              OPERATOR + ".schedule..",
              OPERATOR + ".events..",
              OPERATOR + ".metrics..",
              OPERATOR + ".startup..",
              "io.fabric8.kubernetes.client..",
              "io.javaoperatorsdk..",
              "java.net..",
              "dev.imagestreams.registry.http..")
          .or(resideInAPackage(OPERATOR))
          .or(equivalentTo(ConfigSource.class))
          .or(equivalentTo(RegistryClient.class))
          .and(DescribedPredicate.not(equivalentTo(ResourceID.class)))
          .as(
              "I/O (importer, reconciler, schedule, events, metrics, startup, the root package, ConfigSource,"
                  + " the Kubernetes client, JOSDK but ResourceID, java.net, RegistryClient, registry.http)");

  /** One slice per top-level operator package; the root package is a slice of its own. */
  private static final SliceAssignment PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          String p = c.getPackageName();
          if (p.equals(OPERATOR)) {
            return SliceIdentifier.of("(root)");
          }
          if (p.startsWith(OPERATOR + ".")) {
            return SliceIdentifier.of(p.substring(OPERATOR.length() + 1).split("\\.")[0]);
          }
          return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "the operator's packages";
        }
      };

  @Test
  void noPackageCycles() {
    slices().assignedFrom(PACKAGES).should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void theSharedImportTypesAreALeaf() {
    noClasses()
        .that()
        .resideInAPackage(OPERATOR + ".imports..")
        .should()
        .dependOnClassesThat(
            resideInAPackage(OPERATOR + "..")
                .and(DescribedPredicate.not(resideInAPackage(OPERATOR + ".imports.."))))
        .because("imports holds the values other packages share, so it must not lead back to them")
        .check(CLASSES);
  }

  @Test
  void pureDecisionsDoNoIo() {
    noClasses()
        .that()
        .resideInAnyPackage(
            OPERATOR + ".imports..",
            OPERATOR + ".planning..",
            OPERATOR + ".status..",
            OPERATOR + ".namespace..")
        .should()
        .dependOnClassesThat(IO)
        .because("these packages decide from data, and are tested without a cluster or a registry")
        .check(CLASSES);
  }
}
