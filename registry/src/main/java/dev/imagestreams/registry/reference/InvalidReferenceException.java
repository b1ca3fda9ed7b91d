package dev.imagestreams.registry.reference;

/**
 * An image reference or digest that does not follow the distribution reference grammar. The message
 * names the input and what is wrong with it, and is safe to show to users.
 */
public final class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidReferenceException(String message) {
    super(message);
  }
}
