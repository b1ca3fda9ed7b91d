package dev.imagestreams.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {
  @ParameterizedTest
  @CsvSource({
    "169.254.169.254, true",
    "169.254.0.1, true",
    "fd00:ec2::254, true",
    "fe80::1, true",
    "::ffff:169.254.169.254, true",
    "127.0.0.1, false",
    "10.0.0.1, false",
    "fd00:ec2::253, false"
  })
  void refusesLinkLocalAndMetadataAddresses(String address, boolean forbidden) throws Exception {
    assertThat(AddressPolicy.isForbidden(InetAddress.getByName(address))).isEqualTo(forbidden);
  }

  @Test
  void checkNamesTheRefusedTarget() {
    AddressPolicy policy = AddressPolicy.allowAll();
    assertThatThrownBy(
            () -> policy.check(URI.create("http://169.254.169.254/token"), "token for reg"))
        .isInstanceOf(RegistryException.class)
        .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(ErrorKind.FORBIDDEN))
        .hasMessageContaining("169.254.169.254")
        .hasMessageContaining("link-local");
  }

  @Test
  void refusesBlockedRegistries() {
    AddressPolicy policy = new AddressPolicy(RegistryPatterns.parse(List.of("127.0.0.1:5999")));
    assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.1:5999/v2/"), "x"))
        .hasMessage("registry 127.0.0.1:5999 blocked");
  }
}
