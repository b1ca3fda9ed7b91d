package dev.imagestreams.testinfra.registry;

import java.net.URI;

/**
 * The address of a test server listening on the loopback interface: the accessors every such server
 * has.
 */
public interface LoopbackAddress {

  /**
   * The TCP port.
   *
   * @return the port
   */
  int port();

  /**
   * The address clients use in image references.
   *
   * @return {@code 127.0.0.1:PORT}
   */
  default String host() {
    return "127.0.0.1:" + port();
  }

  /**
   * The base URI, without a trailing slash.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  default URI baseUri() {
    return URI.create("http://" + host());
  }
}
