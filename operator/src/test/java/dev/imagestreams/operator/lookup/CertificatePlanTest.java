package dev.imagestreams.operator.lookup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.operator.lookup.CertificatePlan.Lifetimes;
import dev.imagestreams.operator.lookup.CertificatePlan.Plan;
import dev.imagestreams.operator.lookup.CertificatePlan.Step;
import dev.imagestreams.operator.lookup.CertificatePlan.Stored;
import dev.imagestreams.operator.lookup.CertificatePlan.Validity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The renewal steps over a CA of 300 s and serving certificates of 30 s, with 5 s of grace. */
class CertificatePlanTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Lifetimes L =
      new Lifetimes(Duration.ofSeconds(300), Duration.ofSeconds(30), Duration.ofSeconds(5));

  static Instant at(long s) {
    return T0.plusSeconds(s);
  }

  static Validity v(long from, long to) {
    return new Validity(at(from), at(to));
  }

  static Plan plan(Stored s, long now) {
    return CertificatePlan.plan(Optional.of(s), at(now), L);
  }

  @Test
  void nothingStoredMakesEverything() {
    assertThat(CertificatePlan.plan(Optional.empty(), T0, L)).isEqualTo(new Plan(Step.CREATE, T0));
    assertThat(plan(new Stored(List.of(), v(0, 30), true), 0)).isEqualTo(new Plan(Step.CREATE, T0));
  }

  @Test
  void aServingCertificateIsRenewedTwoThirdsThroughItsLife() {
    Stored s = new Stored(List.of(v(0, 300)), v(0, 30), true);
    assertThat(plan(s, 1)).isEqualTo(new Plan(Step.NONE, at(20)));
    assertThat(plan(s, 19)).isEqualTo(new Plan(Step.NONE, at(20)));
    assertThat(plan(s, 20)).isEqualTo(new Plan(Step.ISSUE, at(20)));
    assertThat(plan(s, 30)).as("expired").isEqualTo(new Plan(Step.ISSUE, at(30)));
  }

  @Test
  void theCaRotatesThroughTheBundleBeforeItSigns() {
    Stored old = new Stored(List.of(v(0, 300)), v(190, 220), true);
    assertThat(plan(old, 199)).isEqualTo(new Plan(Step.NONE, at(200)));
    assertThat(plan(old, 200)).as("two thirds of the CA").isEqualTo(new Plan(Step.ADD_CA, at(200)));
    Stored added = new Stored(List.of(v(200, 500), v(0, 300)), v(190, 220), false);
    assertThat(plan(added, 201))
        .as("not until the bundle is published for the grace")
        .isEqualTo(new Plan(Step.NONE, at(205)));
    assertThat(plan(added, 205)).isEqualTo(new Plan(Step.ISSUE, at(205)));
    Stored issued = new Stored(List.of(v(200, 500), v(0, 300)), v(205, 235), true);
    assertThat(plan(issued, 206))
        .as("not until every replica serves it")
        .isEqualTo(new Plan(Step.NONE, at(210)));
    assertThat(plan(issued, 210)).isEqualTo(new Plan(Step.DROP_OLD_CAS, at(210)));
    Stored dropped = new Stored(List.of(v(200, 500)), v(205, 235), true);
    assertThat(plan(dropped, 211)).isEqualTo(new Plan(Step.NONE, at(225)));
  }

  @Test
  void theNextLookIsTheEarlierRenewal() {
    Stored s = new Stored(List.of(v(0, 300)), v(190, 280), true);
    assertThat(plan(s, 191)).isEqualTo(new Plan(Step.NONE, at(200)));
  }

  @Test
  void expiryComesFirst() {
    assertThat(plan(new Stored(List.of(v(0, 300)), v(0, 30), true), 300))
        .isEqualTo(new Plan(Step.CREATE, at(300)));
    assertThat(plan(new Stored(List.of(v(200, 500), v(0, 300)), v(100, 130), false), 202))
        .as("an expired serving certificate is replaced at once, grace or not")
        .isEqualTo(new Plan(Step.ISSUE, at(202)));
    assertThat(plan(new Stored(List.of(v(0, 300)), v(240, 270), false), 250))
        .as("the CA's renewal before a stale signature")
        .isEqualTo(new Plan(Step.ADD_CA, at(250)));
  }

  @Test
  void renewAtIsTwoThirds() {
    assertThat(v(0, 30).renewAt()).isEqualTo(at(20));
    assertThat(v(10, 13).renewAt()).isEqualTo(at(12));
  }
}
