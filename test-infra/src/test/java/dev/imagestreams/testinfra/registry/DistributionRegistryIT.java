package dev.imagestreams.testinfra.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.imagestreams.testinfra.BuiltBinary;
import dev.imagestreams.testinfra.RequiresBuilt;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresBuilt(BuiltBinary.DISTRIBUTION_REGISTRY)
class DistributionRegistryIT {

  @Test
  void theBinaryIsTheVersionTestInfraPins() throws Exception {
    assertTrue(DistributionRegistry.isAvailable(), BuiltBinary.DISTRIBUTION_REGISTRY.missing());
    String pinned = BuiltBinary.DISTRIBUTION_REGISTRY.pinnedVersion().orElseThrow();
    Process version =
        new ProcessBuilder(BuiltBinary.DISTRIBUTION_REGISTRY.path().toString(), "--version")
            .redirectErrorStream(true)
            .start();
    String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, version.waitFor());
    assertTrue(
        output.trim().endsWith("github.com/distribution/distribution/v3 v" + pinned), output);
  }

  @Test
  void startsOnFreePortAnswersV2AndCleansUpOnClose() {
    Path workDirectory;
    ProcessHandle process;
    URI v2;
    try (DistributionRegistry registry = DistributionRegistry.anonymous().start();
        DistributionRegistry other = DistributionRegistry.anonymous().start()) {
      assertNotEquals(registry.port(), other.port());
      assertEquals("127.0.0.1:" + registry.port(), registry.host());
      assertEquals(URI.create("http://127.0.0.1:" + registry.port()), registry.baseUri());
      assertTrue(registry.isRunning());

      v2 = registry.baseUri().resolve("/v2/");
      HttpResponse<byte[]> response = Http.get(v2);
      assertEquals(200, response.statusCode());
      assertEquals("registry/2.0", Http.header(response, "Docker-Distribution-Api-Version"));
      assertEquals("{}", Http.text(response));

      workDirectory = registry.workDirectory();
      process = registry.processHandle();
      assertTrue(Files.isDirectory(workDirectory.resolve("storage")));
      String config = Files.readString(workDirectory.resolve("config-1.yml"));
      assertTrue(config.contains("accesslog:\n    disabled: true"), config);
      assertTrue(
          registry.logTail(20).contains("listening on 127.0.0.1:" + registry.port()),
          registry.logTail(20));
    } catch (java.io.IOException e) {
      throw new UncheckedIOException(e);
    }
    assertFalse(process.isAlive());
    assertFalse(Files.exists(workDirectory), "temporary directory deleted");
    UncheckedIOException refused = assertThrows(UncheckedIOException.class, () -> Http.get(v2));
    assertTrue(refused.getCause() instanceof ConnectException, refused.toString());
  }

  @Test
  void closeIsIdempotent() {
    DistributionRegistry registry = DistributionRegistry.anonymous().start();
    registry.close();
    registry.close();
    assertFalse(registry.isRunning());
  }

  @Test
  void basicAuthVariantChallengesForCredentials() {
    try (DistributionRegistry registry = DistributionRegistry.basicAuth().start()) {
      HttpResponse<byte[]> response = Http.get(registry.baseUri().resolve("/v2/"));
      assertEquals(401, response.statusCode());
      assertEquals(
          "Basic realm=\"imagestream-test-registry\"", Http.header(response, "WWW-Authenticate"));
    }
  }

  @Test
  void startupFailureReportsTheLogTail(@TempDir Path directory) {
    Path missingCertificate = directory.resolve("missing.pem");
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                DistributionRegistry.tokenAuth(
                        URI.create("http://127.0.0.1:1/token"),
                        "service",
                        "issuer",
                        missingCertificate)
                    .start());
    assertTrue(failure.getMessage().contains("registry exited with code"), failure.getMessage());
    assertTrue(failure.getMessage().contains("missing.pem"), failure.getMessage());
  }

  @Test
  void missingBinaryFailsNamingIt() {
    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class,
            () ->
                DistributionRegistry.anonymous().binary(Path.of("/nonexistent/registry")).start());
    assertEquals("no CNCF distribution registry at /nonexistent/registry", failure.getMessage());
  }
}
