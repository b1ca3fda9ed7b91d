package dev.imagestreams.operator.metrics;

/** What {@code /readyz} or {@code /healthz} answers: up, or down with the reason. */
public record Health(boolean up, String reason) {
  public static final Health UP = new Health(true, "ok");

  public static Health down(String reason) {
    return new Health(false, reason);
  }
}
