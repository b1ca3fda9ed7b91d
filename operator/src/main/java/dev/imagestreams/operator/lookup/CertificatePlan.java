package dev.imagestreams.operator.lookup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The built-in mode's renewal, one step at a time, so that no replica ever serves a certificate the
 * API server cannot verify. The CA bundle the API server trusts is published before a serving
 * certificate signed by a new CA is issued, and an old CA leaves the bundle only once every replica
 * serves a certificate of the new one:
 *
 * <ol>
 *   <li>nothing stored, or the CA expired: {@link Step#CREATE} a CA and a serving certificate;
 *   <li>the serving certificate expired: {@link Step#ISSUE} one at once;
 *   <li>the CA is two thirds through its life: {@link Step#ADD_CA}, a new CA put first in the
 *       bundle, the serving certificate kept;
 *   <li>the serving certificate is not signed by the newest CA and that CA has been in the bundle
 *       for the grace period, or it is two thirds through its life: {@link Step#ISSUE} one;
 *   <li>older CAs are in the bundle and the serving certificate is older than the grace period:
 *       {@link Step#DROP_OLD_CAS}.
 * </ol>
 *
 * Pure: times are passed in.
 */
final class CertificatePlan {
  private CertificatePlan() {}

  /** What to do now. */
  enum Step {
    NONE,
    CREATE,
    ADD_CA,
    ISSUE,
    DROP_OLD_CAS
  }

  /** A certificate's validity. */
  record Validity(Instant notBefore, Instant notAfter) {
    /** Two thirds through: when it is renewed. */
    Instant renewAt() {
      return notBefore.plus(Duration.between(notBefore, notAfter).multipliedBy(2).dividedBy(3));
    }
  }

  /**
   * What is stored.
   *
   * @param cas the CA bundle, the newest (the signing CA) first
   * @param serving the serving certificate
   * @param servingByNewestCa whether the newest CA signed it
   */
  record Stored(List<Validity> cas, Validity serving, boolean servingByNewestCa) {}

  /**
   * How long certificates live.
   *
   * @param ca a CA's validity
   * @param serving a serving certificate's validity
   * @param grace how long a new CA is in the published bundle before it signs, and a new serving
   *     certificate is served before older CAs leave the bundle (the API server and every replica
   *     catch up within it)
   */
  record Lifetimes(Duration ca, Duration serving, Duration grace) {}

  /**
   * The step, and when to look again if nothing is to be done.
   *
   * @param step what to do now
   * @param next when the next step is due (meaningful for {@link Step#NONE})
   */
  record Plan(Step step, Instant next) {}

  static Plan plan(Optional<Stored> stored, Instant now, Lifetimes lifetimes) {
    if (stored.isEmpty() || stored.get().cas().isEmpty()) {
      return new Plan(Step.CREATE, now);
    }
    Stored s = stored.get();
    Validity ca = s.cas().get(0);
    if (!now.isBefore(ca.notAfter())) {
      return new Plan(Step.CREATE, now);
    }
    if (!now.isBefore(s.serving().notAfter())) {
      return new Plan(Step.ISSUE, now);
    }
    if (!now.isBefore(ca.renewAt())) {
      return new Plan(Step.ADD_CA, now);
    }
    Instant published = ca.notBefore().plus(lifetimes.grace());
    if (!s.servingByNewestCa()) {
      return now.isBefore(published) ? new Plan(Step.NONE, published) : new Plan(Step.ISSUE, now);
    }
    if (!now.isBefore(s.serving().renewAt())) {
      return new Plan(Step.ISSUE, now);
    }
    Instant servedEverywhere = s.serving().notBefore().plus(lifetimes.grace());
    if (s.cas().size() > 1) {
      return now.isBefore(servedEverywhere)
          ? new Plan(Step.NONE, servedEverywhere)
          : new Plan(Step.DROP_OLD_CAS, now);
    }
    Instant next =
        s.serving().renewAt().isBefore(ca.renewAt()) ? s.serving().renewAt() : ca.renewAt();
    return new Plan(Step.NONE, next);
  }
}
