package dev.imagestreams.operator.testing;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the requests a Kubernetes client sends (method and path), to count API writes. */
public final class RequestCounter implements Interceptor {
  /** One request. */
  public record Request(String method, String path) {
    public boolean isWrite() {
      return !method.equals("GET");
    }
  }

  private final List<Request> requests = new CopyOnWriteArrayList<>();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
    requests.add(new Request(request.method(), request.uri().getPath()));
  }

  public List<Request> all() {
    return List.copyOf(requests);
  }

  /** Writes (anything but GET) whose path contains the fragment. */
  public long writes(String pathFragment) {
    return requests.stream().filter(Request::isWrite).filter(r -> r.path().contains(pathFragment)).count();
  }

  public void clear() {
    requests.clear();
  }
}
