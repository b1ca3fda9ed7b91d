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

  /** How far a body has come: when its headers arrived and how many bytes followed. */
  static final class Progress {
    private volatile long headersAtNanos = -1;
    private final java.util.concurrent.atomic.AtomicLong bytes =
        new java.util.concurrent.atomic.AtomicLong();

    /** When the headers arrived ({@link System#nanoTime()}), or -1 before. */
    long headersAtNanos() {
      return headersAtNanos;
    }

    long bytes() {
      return bytes.get();
    }

    private volatile Subscriber subscriber;

    /**
     * Gives up on the body: its subscription is cancelled, which closes the connection, so that no
     * later request is queued behind the rest of this body on a reused connection.
     */
    void abandon() {
      Subscriber s = subscriber;
      if (s != null) {
        s.abandon();
      }
    }
  }

  static BodyHandler<byte[]> handler(long successLimit) {
    return handler(successLimit, new Progress());
  }

  static BodyHandler<byte[]> handler(long successLimit, Progress progress) {
    return info -> {
      progress.headersAtNanos = System.nanoTime();
      long limit =
          info.statusCode() >= 200 && info.statusCode() < 300 ? successLimit : ERROR_BODY_LIMIT;
      long declared = info.headers().firstValueAsLong("content-length").orElse(-1);
      if (declared > limit) {
        return failed(new TooLargeException(limit));
      }
      return new Subscriber(limit, progress);
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
    private final Progress progress;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
    private Flow.Subscription subscription;

    Subscriber(long limit, Progress progress) {
      this.limit = limit;
      this.progress = progress;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      progress.subscriber = this;
      s.request(Long.MAX_VALUE);
    }

    void abandon() {
      if (subscription != null) {
        subscription.cancel();
      }
      result.completeExceptionally(new IOException("body abandoned"));
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
        progress.bytes.addAndGet(chunk.length);
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
