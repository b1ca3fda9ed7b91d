package dev.imagestreams.api.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get is} prints OpenShift's columns in OpenShift's order (NAME, IMAGE REPOSITORY,
 * TAGS, UPDATED), and READY only with {@code -o wide}: the API server keeps the CRD's order.
 */
class PrinterColumnsTest {
  @Test
  void theColumnsComeInOpenShiftsOrder() throws IOException {
    JsonNode version;
    try (InputStream in =
        getClass()
            .getResourceAsStream("/META-INF/fabric8/imagestreams.image.openshift.io-v1.yml")) {
      version =
          new ObjectMapper(new YAMLFactory()).readTree(in).path("spec").path("versions").get(0);
    }
    List<String> names = new ArrayList<>();
    List<Integer> priorities = new ArrayList<>();
    version
        .path("additionalPrinterColumns")
        .forEach(
            c -> {
              names.add(c.path("name").asText());
              priorities.add(c.path("priority").asInt());
            });
    assertThat(names).containsExactly("Ready", "Image Repository", "Tags", "Updated");
    assertThat(priorities).containsExactly(1, 0, 0, 0);
  }
}
