package dev.imagestreams.registry.http;

import java.io.IOException;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A body handler that keeps at most a given number of bytes: a larger body, announced or not, fails
 * with {@link TooLargeException} as soon as the limit is crossed, without buffering the rest.
 */
final class BoundedBody {
  /** The limit for bodies of error responses (their JSON error list is all we read). */
  static final long ERROR_BODY_LIMIT = 64 * 1024;

  private BoundedBody() {}

  /** The body exceeded its limit. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;
    final long limit;

    TooLargeException(long limit) {
      super("response body larger than " + limit + " bytes");
      this.limit = limit;
    }
  }

  static BodyHandler<byte[]> handler(long successLimit) {
    return info -> {
      long limit = info.statusCode() >= 200 && info.statusCode() < 300 ? successLimit : ERROR_BODY_LIMIT;
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > limit) {
        return failed(new TooLargeException(limit));
      }
      return new Subscriber(limit);
    };
  }

  private static BodySubscriber<byte[]> failed(IOException e) {
    BodySubscriber<byte[]> discarding = BodySubscribers.replacing(null);
    return new BodySubscriber<>() {
      @Override
      public CompletionStage<byte[]> getBody() {
        return CompletableFuture.failedFuture(e);
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscription.cancel();
        discarding.onSubscribe(subscription);
      }

      @Override
      public void onNext(List<ByteBuffer> item) {}

      @Override
      public void onError(Throwable throwable) {}

      @Override
      public void onComplete() {}
    };
  }

  private static final class Subscriber implements BodySubscriber<byte[]> {
    private final long limit;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    private Flow.Subscription subscription;

    Subscriber(long limit) {
      this.limit = limit;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if (buffer.size() + (long) item.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new TooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }
}
