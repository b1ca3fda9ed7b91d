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
 * {@code kubectl get is} prints READY, then OpenShift's columns in OpenShift's order (IMAGE
 * REPOSITORY, TAGS, UPDATED), and the Ready reason with {@code -o wide}: the API server keeps the
 * CRD's order. READY is where a stream that will not import (a privileged namespace) shows it.
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
    assertThat(names).containsExactly("Ready", "Image Repository", "Tags", "Reason", "Updated");
    assertThat(priorities).containsExactly(0, 0, 0, 1, 0);
  }
}
