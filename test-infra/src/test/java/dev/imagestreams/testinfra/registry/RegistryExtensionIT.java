package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryExtensionIT {

  @RegisterExtension static RegistryExtension registry = RegistryExtension.anonymous();

  private static int outerPort;

  @Test
  void exposesTheRunningRegistry() {
    outerPort = registry.port();
    assertTrue(registry.registry().isRunning());
    assertEquals("127.0.0.1:" + registry.port(), registry.host());
    assertEquals("http://" + registry.host(), registry.baseUri().toString());
    assertEquals(200, Http.get(registry.baseUri().resolve("/v2/")).statusCode());
    assertNull(registry.credentials());
    assertThrows(IllegalStateException.class, registry::tokenServer);
  }

  @Test
  void pusherTargetsTheRegistry() {
    PushedImage image = registry.pusher().pushOciImage("extension/app", "1", Platform.LINUX_AMD64);
    assertEquals(registry.host() + "/extension/app:1", image.reference());
  }

  @Nested
  class NestedClass {

    @Test
    void sharesTheEnclosingRegistry() {
      assertTrue(registry.registry().isRunning());
      if (outerPort != 0) {
        assertEquals(outerPort, registry.port());
      }
    }
  }
}
