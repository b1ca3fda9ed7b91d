package dev.imagestreams.engine.planning;

/** Why a tag is imported now. */
public enum ImportReason {
  /** The tag has no status yet. */
  NEW,
  /**
   * {@code from}, {@code reference}, {@code importMode}, {@code insecure} or the platform
   * annotations changed.
   */
  SOURCE_CHANGED,
  /** The import-request annotation has a value not yet handled. */
  REQUESTED,
  /** The last import failed transiently and its retry time has come. */
  RETRY,
  /** The last import failed and the namespace's pull secrets changed since. */
  CREDENTIALS_CHANGED
}
