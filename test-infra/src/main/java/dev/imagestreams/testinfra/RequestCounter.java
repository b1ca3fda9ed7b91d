package dev.imagestreams.testinfra;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Records the requests a Kubernetes client sends (method and path), to count API writes, and the
 * answers it gets (status code and the API server's {@code Warning} headers).
 */
public final class RequestCounter implements Interceptor {
  /** One request. */
  public record Request(String method, String path, String query) {
    public boolean isWrite() {
      return !method.equals("GET");
    }
  }

  /** One answer. */
  public record Response(Request request, int code, List<String> warnings) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Response> responses = new CopyOnWriteArrayList<>();
  private volatile Consumer<Request> hook = r -> {};

  @Override
  public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
    Request r = request(request);
    requests.add(r);
    hook.accept(r);
  }

  /**
   * Runs an action just before each request is sent, on the sending thread: a test interleaves
   * another writer between the client's read and its write this way.
   */
  public void beforeSending(Consumer<Request> action) {
    hook = action;
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    responses.add(
        new Response(request(request), response.code(), List.copyOf(response.headers("Warning"))));
  }

  private static Request request(HttpRequest request) {
    return new Request(request.method(), request.uri().getPath(), request.uri().getQuery());
  }

  public List<Request> all() {
    return List.copyOf(requests);
  }

  public List<Response> responses() {
    return List.copyOf(responses);
  }

  /** Writes (anything but GET) whose path contains the fragment. */
  public long writes(String pathFragment) {
    return requests.stream()
        .filter(Request::isWrite)
        .filter(r -> r.path().contains(pathFragment))
        .count();
  }

  public void clear() {
    hook = r -> {};
    requests.clear();
    responses.clear();
  }
}
