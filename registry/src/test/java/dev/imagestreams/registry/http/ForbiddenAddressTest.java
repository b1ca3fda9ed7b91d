package dev.imagestreams.registry.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.registry.reference.RegistryPatterns;
import java.net.Inet6Address;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which IPv6 addresses count as link-local or cloud metadata: an IPv4-mapped address is judged by
 * the IPv4 address it carries, and only a real mapping (ten zero bytes, then {@code ffff}) counts.
 * The addresses are built as {@link Inet6Address} byte for byte, as a resolver may return them,
 * since {@code InetAddress.getByName} turns a mapped literal into an IPv4 address.
 */
class ForbiddenAddressTest {

  @ParameterizedTest(name = "{0} forbidden: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # 16 bytes, hexadecimal                | forbidden | why
          00000000000000000000ffffa9fea9fe       | true      | ::ffff:169.254.169.254, mapped metadata address
          00000000000000000000ffffa9fe0001       | true      | ::ffff:169.254.0.1, mapped link-local
          00000000000000000000ffffa9fda9fe       | false     | ::ffff:169.253.169.254, mapped but not link-local
          00000000000000000000ffffaafea9fe       | false     | ::ffff:170.254.169.254, mapped but not link-local
          00000000000000000000ffff0a000001       | false     | ::ffff:10.0.0.1, mapped private address
          0000000000000000000000ffa9fea9fe       | false     | ffff missing its first byte: not a mapping
          00000000000000000000ff00a9fea9fe       | false     | ffff missing its second byte: not a mapping
          00000000000000000000ffffa9fea9fe       | true      | the mapping itself
          00000000000000000001ffffa9fea9fe       | false     | a non-zero tenth byte: not a mapping
          01000000000000000000ffffa9fea9fe       | false     | a non-zero first byte: not a mapping
          000000000000000000000000a9fea9fe       | false     | ::169.254.169.254, IPv4-compatible, not mapped
          fd000ec2000000000000000000000254       | true      | fd00:ec2::254, the AWS metadata address
          fd000ec2000000000000000000000255       | false     | next to the AWS metadata address
          fe800000000000000000000000000001       | true      | fe80::1, link-local
          20010db8000000000000000000000001       | false     | 2001:db8::1, documentation range
          """)
  void judgesIpv6AddressesByteForByte(String hex, boolean forbidden, String why)
      throws UnknownHostException {
    Inet6Address address = Inet6Address.getByAddress(null, HexFormat.of().parseHex(hex), -1);
    assertThat(AddressPolicy.isForbidden(address)).as(why).isEqualTo(forbidden);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # URI                               | refusal
          http://reg.blocked:0/v2/            | registry reg.blocked:0 blocked
          http://reg.blocked/v2/              | registry reg.blocked blocked
          http://port.blocked:5000/v2/        | registry port.blocked:5000 blocked
          """)
  void namesTheBlockedRegistryWithItsPortWhenTheUriHasOne(String uri, String refusal) {
    AddressPolicy policy =
        new AddressPolicy(RegistryPatterns.parse(List.of("reg.blocked", "port.blocked:5000")));
    assertThatThrownBy(() -> policy.check(URI.create(uri), "registry")).hasMessage(refusal);
  }
}
