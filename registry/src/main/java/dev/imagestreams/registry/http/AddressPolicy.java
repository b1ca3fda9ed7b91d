package dev.imagestreams.registry.http;

import dev.imagestreams.registry.error.ErrorKind;
import dev.imagestreams.registry.error.RegistryException;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Decides which hosts the engine may contact: never a blocked registry, never a link-local or
 * cloud-metadata address (169.254.0.0/16, fe80::/10, fd00:ec2::254). Applied to registries, token
 * realms and redirect targets alike, so a registry cannot send us, or our credentials, there.
 *
 * <p>Host names are resolved and every address is checked. The connection itself resolves the name
 * again, so a DNS server that changes its answer between the two lookups is not defended against.
 */
public final class AddressPolicy {
  private static final byte[] AWS_METADATA_V6 = {
    (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54
  };

  private final RegistryPatterns blockedRegistries;

  public AddressPolicy(RegistryPatterns blockedRegistries) {
    this.blockedRegistries = blockedRegistries;
  }

  public static AddressPolicy allowAll() {
    return new AddressPolicy(RegistryPatterns.NONE);
  }

  /** Checks a URI before a request is sent to it. */
  public void check(URI uri, String description) throws RegistryException {
    String host = uri.getHost();
    if (host == null) {
      throw RegistryException.of(
          ErrorKind.BAD_REQUEST, "invalid URI for " + description + ": no host");
    }
    String hostPort = uri.getPort() == -1 ? host : host + ":" + uri.getPort();
    if (blockedRegistries.matchesHost(hostPort) || blockedRegistries.matchesHost(host)) {
      throw RegistryException.of(ErrorKind.FORBIDDEN, "registry " + hostPort + " blocked");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw RegistryException.of(ErrorKind.UNAVAILABLE, "cannot resolve host " + host);
    }
    for (InetAddress address : addresses) {
      if (isForbidden(address)) {
        throw RegistryException.of(
            ErrorKind.FORBIDDEN,
            "refusing to contact "
                + host
                + " ("
                + address.getHostAddress()
                + ") for "
                + description
                + ": link-local and cloud metadata addresses are not allowed");
      }
    }
  }

  /** Whether the address is link-local or a cloud metadata endpoint. */
  public static boolean isForbidden(InetAddress address) {
    if (address.isLinkLocalAddress()) {
      return true;
    }
    byte[] raw = address.getAddress();
    if (address instanceof Inet6Address) {
      if (java.util.Arrays.equals(raw, AWS_METADATA_V6)) {
        return true;
      }
      // IPv4-mapped (::ffff:169.254.x.x)
      boolean mapped = true;
      for (int i = 0; i < 10; i++) {
        mapped &= raw[i] == 0;
      }
      mapped &= raw[10] == (byte) 0xff && raw[11] == (byte) 0xff;
      return mapped && raw[12] == (byte) 169 && raw[13] == (byte) 254;
    }
    return false;
  }
}
