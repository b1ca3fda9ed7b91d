package dev.imagestreams.testinfra;

import dev.imagestreams.testinfra.registry.RegistryExtension;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A test class that runs binaries {@code test-infra/build.sh} builds: where one is missing, the
 * class is skipped with {@link BuiltBinary#missing()} as its reason (printed once too), and with
 * {@code CI=true} it fails with that line before its first test.
 *
 * <pre>{@code
 * @RequiresBuilt({BuiltBinary.KUBE_CONTROL_PLANE, BuiltBinary.HELM})
 * class HelmChartIT { ... }
 * }</pre>
 *
 * <p>{@link RegistryExtension} checks {@link BuiltBinary#DISTRIBUTION_REGISTRY} itself.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresBuilt.Check.class)
public @interface RequiresBuilt {

  /**
   * What the class runs.
   *
   * @return the binaries
   */
  BuiltBinary[] value();

  /** Skips, or with {@code CI=true} fails, a class whose binaries are missing. */
  final class Check implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      if (BuiltBinary.required()) {
        return ConditionEvaluationResult.enabled("CI=true: missing binaries fail the class");
      }
      for (BuiltBinary binary : binaries(context)) {
        if (!binary.isBuilt()) {
          binary.report();
          return ConditionEvaluationResult.disabled(binary.missing());
        }
      }
      return ConditionEvaluationResult.enabled("built");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
      for (BuiltBinary binary : binaries(context)) {
        binary.require();
      }
    }

    private static BuiltBinary[] binaries(ExtensionContext context) {
      return context
          .getElement()
          .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresBuilt.class))
          .map(RequiresBuilt::value)
          .orElse(new BuiltBinary[0]);
    }
  }
}
