package dev.imagestreams.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * fabric8's mock in CRUD mode answers a server-side apply patch with 415. The operator writes a
 * stream's whole status with server-side apply of the status subresource, which replaces the status
 * the operator owns; here it becomes a replacement of the status (a PUT of the stored object with
 * the applied status). Field ownership and conflicts exist only on a real API server, where the
 * real-API-server tests check them.
 */
public final class ServerSideApplyAsMergePatch extends KubernetesCrudDispatcher {
  private static final String APPLY = "application/apply-patch";
  private static final ObjectMapper JSON = new ObjectMapper();

  public ServerSideApplyAsMergePatch() {
    super(List.of());
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    String path = withoutQuery(request.getPath()); // the mock misreads a query string on /status
    if (type == null || !type.startsWith(APPLY) || !path.endsWith("/status")) {
      return super.handlePatch(request);
    }
    MockResponse current = handleGet(path.substring(0, path.length() - "/status".length()));
    if (current.code() != 200) {
      return current;
    }
    try {
      ObjectNode stored = (ObjectNode) JSON.readTree(current.getBody().readUtf8());
      JsonNode applied = JSON.readTree(request.getBody().getBytes());
      JsonNode expectedVersion = applied.path("metadata").path("resourceVersion");
      if (!expectedVersion.isMissingNode()
          && !expectedVersion
              .asText()
              .equals(stored.path("metadata").path("resourceVersion").asText())) {
        return new MockResponse()
            .setResponseCode(409)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,"
                    + "\"message\":\"the object has been modified; please apply your changes to the latest version and try again\"}");
      }
      stored.set("status", applied.path("status"));
      RecordedRequest replace =
          new RecordedRequest(
              request.getHttpVersion(),
              HttpMethod.PUT,
              path,
              request.getHeaders().newBuilder().set("Content-Type", "application/json").build(),
              new Buffer(JSON.writeValueAsString(stored).getBytes(StandardCharsets.UTF_8)));
      return handleUpdate(replace);
    } catch (IOException e) {
      return new MockResponse().setResponseCode(400).setBody(e.getMessage());
    }
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
