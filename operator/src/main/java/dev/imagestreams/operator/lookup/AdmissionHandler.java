package dev.imagestreams.operator.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's endpoint: a POST of an AdmissionReview is answered with the decision's review. A
 * body that is no AdmissionReview gets 400 with one line saying why; an unexpected failure of the
 * decision refuses the request (500 would make the API server apply the failure policy, with a less
 * precise message), and is logged.
 */
final class AdmissionHandler implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionHandler.class);

  private final Function<AdmissionRequest, AdmissionDecision> decide;
  private final AdmissionListener listener;

  AdmissionHandler(
      Function<AdmissionRequest, AdmissionDecision> decide, AdmissionListener listener) {
    this.decide = decide;
    this.listener = listener;
  }

  /** Told of each admission answered, for metrics. */
  interface AdmissionListener {
    void answered(AdmissionDecision decision, long nanos);

    AdmissionListener NONE = (d, n) -> {};
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(
            exchange,
            405,
            "only POST of an AdmissionReview is served\n".getBytes(StandardCharsets.UTF_8),
            "text/plain");
        return;
      }
      JsonNode review;
      try {
        review = AdmissionReviews.read(exchange.getRequestBody());
      } catch (IOException e) {
        send(exchange, 400, (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8), "text/plain");
        return;
      }
      AdmissionRequest request = AdmissionRequest.of(review);
      AdmissionDecision decision;
      try {
        decision = decide.apply(request);
      } catch (RuntimeException e) {
        LOG.error(
            "image lookup failed for {} {}/{}",
            request.kind(),
            request.namespace(),
            request.object().path("metadata").path("name").asText(),
            e);
        decision =
            AdmissionDecision.refuse(
                "image lookup failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
      send(exchange, 200, AdmissionReviews.response(request.uid(), decision), "application/json");
      listener.answered(decision, System.nanoTime() - start);
    }
  }

  private static void send(HttpExchange exchange, int code, byte[] body, String type)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
