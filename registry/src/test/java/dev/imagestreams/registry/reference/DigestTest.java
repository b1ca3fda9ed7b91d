package dev.imagestreams.registry.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DigestTest {
  @Test
  void computesAndVerifiesSha256() throws Exception {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    Digest d = Digest.sha256(content);
    assertThat(d)
        .hasToString("sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assertThat(d.matches(content)).isTrue();
    assertThat(d.matches("hello ".getBytes(StandardCharsets.UTF_8))).isFalse();
    assertThat(d.shortForm()).isEqualTo("sha256:2cf24dba5fb0");
  }

  @Test
  void verifiesSha512() throws Exception {
    byte[] content = "hello".getBytes(StandardCharsets.UTF_8);
    Digest sha512 = Digest.parse("sha512:" + "0".repeat(128)).of(content);
    assertThat(sha512.algorithm()).isEqualTo("sha512");
    assertThat(sha512.matches(content)).isTrue();
  }

  @Test
  void rejectsMalformedDigests() throws Exception {
    assertThatThrownBy(() -> Digest.parse("sha256")).hasMessageContaining("expected algorithm:hex");
    assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64)))
        .hasMessageContaining("lowercase hexadecimal");
    assertThatThrownBy(() -> Digest.parse("sha256:" + "a".repeat(63))).hasMessageContaining("64");
    assertThatThrownBy(() -> Digest.parse("sha1:" + "a".repeat(40)))
        .hasMessageContaining("unsupported digest algorithm");
    assertThatThrownBy(() -> Digest.parse("sha256:x"))
        .isInstanceOfSatisfying(
            RegistryException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REFERENCE));
    assertThat(Digest.isValid("sha256:" + "a".repeat(64))).isTrue();
    assertThat(Digest.isValid("nope")).isFalse();
  }
}
