package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange, the innermost step of {@link HttpTransport}: within the import's {@link
 * ImportBudget} and the host's {@link RequestThrottle}, with a deadline for the whole exchange
 * (headers and body) that never outlasts the budget, the body capped ({@link BoundedBody}) and
 * watched for a {@link MinimumBodyRate}. A failure without a usable response is an {@link Attempt}
 * that says whether repeating may help ({@link ExchangeFailures}).
 */
final class Exchange {
  private static final Duration RATE_CHECK_INTERVAL = Duration.ofMillis(200);

  private final HttpTransport.Settings settings;
  private final HttpClients clients;
  private final ExchangeFailures failures;

  Exchange(HttpTransport.Settings settings) {
    this.settings = settings;
    this.clients = new HttpClients(settings.connectTimeout(), settings.trustedCas());
    this.failures = new ExchangeFailures(settings);
  }

  Attempt exchange(RegistryRequest request) throws RegistryException, PlainHttpEndpointException {
    URI uri = request.uri();
    String host = HttpTransport.hostPort(uri);
    request.budget().checkBeforeRequest(host, request.description());
    try {
      settings.throttle().acquire(host);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.of(
          ErrorKind.UNAVAILABLE, "interrupted while waiting to contact " + host);
    }
    request.budget().checkBeforeRequest(host, request.description());
    request.budget().sending();
    Duration remaining = request.budget().remaining();
    boolean budgetBinds = remaining.compareTo(settings.requestTimeout()) < 0;
    ExchangeFailures.Timeout timeout =
        new ExchangeFailures.Timeout(
            budgetBinds ? remaining : settings.requestTimeout(), budgetBinds);
    BoundedBody.Progress progress = new BoundedBody.Progress();
    HttpRequest httpRequest = httpRequest(request, timeout);
    HttpResponse.BodyHandler<byte[]> handler =
        request.method().equals("HEAD")
            ? HttpResponse.BodyHandlers.replacing(new byte[0])
            : BoundedBody.handler(request.maxBodyBytes(), progress);
    HttpClient client = clients.forRequest(uri, request.insecure());
    long start = System.nanoTime();
    Attempt attempt =
        request.method().equals("HEAD")
            ? withoutBody(client, httpRequest, handler, request, host, timeout)
            : withBody(client, httpRequest, handler, request, host, timeout, progress);
    if (attempt.answered()) {
      settings
          .listener()
          .onResponse(
              host,
              request.method(),
              attempt.response().status(),
              Duration.ofNanos(System.nanoTime() - start));
    }
    return attempt;
  }

  private HttpRequest httpRequest(RegistryRequest request, ExchangeFailures.Timeout timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(request.uri())
            .timeout(timeout.duration())
            .header("User-Agent", settings.userAgent());
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      builder.header(h.getKey(), h.getValue());
    }
    if (request.authorization() != null) {
      builder.header("Authorization", request.authorization());
    }
    switch (request.method()) {
      case "HEAD" -> builder.method("HEAD", HttpRequest.BodyPublishers.noBody());
      case "POST" ->
          builder
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(
                  HttpRequest.BodyPublishers.ofString(
                      request.formBody() == null ? "" : request.formBody()));
      default -> builder.GET();
    }
    return builder.build();
  }

  /**
   * A response without a body is complete when its headers arrive, which the request timeout
   * bounds: a plain blocking send, no hand-off between threads.
   */
  private Attempt withoutBody(
      HttpClient client,
      HttpRequest httpRequest,
      HttpResponse.BodyHandler<byte[]> handler,
      RegistryRequest request,
      String host,
      ExchangeFailures.Timeout timeout)
      throws RegistryException, PlainHttpEndpointException {
    try {
      return answered(request, client.send(httpRequest, handler));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.of(ErrorKind.UNAVAILABLE, "interrupted while contacting " + host);
    } catch (IOException e) {
      return failures.of(request, host, e, timeout);
    }
  }

  /**
   * A body can stall after the headers: the whole exchange gets one deadline, and a body that
   * arrives below the {@link MinimumBodyRate} fails as soon as that shows.
   */
  private Attempt withBody(
      HttpClient client,
      HttpRequest httpRequest,
      HttpResponse.BodyHandler<byte[]> handler,
      RegistryRequest request,
      String host,
      ExchangeFailures.Timeout timeout,
      BoundedBody.Progress progress)
      throws RegistryException, PlainHttpEndpointException {
    CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(httpRequest, handler);
    long start = System.nanoTime();
    try {
      while (true) {
        long left = timeout.duration().toNanos() - (System.nanoTime() - start);
        if (left <= 0) {
          return abandon(future, progress, failures.timedOut(request, host, timeout));
        }
        try {
          return answered(
              request,
              future.get(Math.min(left, RATE_CHECK_INTERVAL.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException stillComing) {
          long headersAt = progress.headersAtNanos();
          if (headersAt >= 0) {
            var trickling =
                failures.trickling(
                    request,
                    host,
                    Duration.ofNanos(System.nanoTime() - headersAt),
                    progress.bytes());
            if (trickling.isPresent()) {
              return abandon(future, progress, trickling.get());
            }
          }
        }
      }
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw RegistryException.of(ErrorKind.UNAVAILABLE, "interrupted while contacting " + host);
    } catch (ExecutionException e) {
      return failures.of(request, host, e.getCause(), timeout);
    }
  }

  private static Attempt abandon(
      CompletableFuture<?> future, BoundedBody.Progress progress, Attempt failure) {
    progress.abandon();
    future.cancel(true);
    return failure;
  }

  private static Attempt answered(RegistryRequest request, HttpResponse<byte[]> response) {
    byte[] body = response.body() == null ? new byte[0] : response.body();
    return Attempt.answered(
        new RegistryResponse(response.statusCode(), response.headers(), body, request.uri()));
  }
}
