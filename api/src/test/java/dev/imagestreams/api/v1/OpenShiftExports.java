package dev.imagestreams.api.v1;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * ImageStream YAML exported from OpenShift ({@code oc get is -o yaml}, {@code oc export}), kept in
 * {@code src/test/resources/openshift-exports}: the schema tests here and the real-API-server tests
 * in the operator module read the same documents.
 */
public final class OpenShiftExports {
  /** Every exported document. */
  public static final List<String> FILES =
      List.of(
          "ansible-runner.yaml",
          "must-gather.yaml",
          "rhpam-kieserver.yaml",
          "python.yaml",
          "local-registry.yaml",
          "oc-export-3x.yaml",
          "nodejs-samples.yaml");

  /** The registry host that stands for {@code ${REGISTRY}} in the documents. */
  public static final String REGISTRY = "registry.example.com:5000";

  private OpenShiftExports() {}

  /** For {@code @MethodSource}. */
  public static List<String> files() {
    return FILES;
  }

  /** One document's YAML, with {@code ${REGISTRY}} filled in. */
  public static String document(String file) {
    try (InputStream in =
        OpenShiftExports.class.getResourceAsStream("/openshift-exports/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no OpenShift export " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${REGISTRY}", REGISTRY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
