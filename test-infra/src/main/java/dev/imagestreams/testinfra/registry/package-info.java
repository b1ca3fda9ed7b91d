/**
 * Test infrastructure for registry clients: a real CNCF distribution registry and the pieces around
 * it.
 *
 * <ul>
 *   <li>{@link dev.imagestreams.testinfra.registry.DistributionRegistry} runs {@code registry
 *       serve} on a free loopback port (anonymous, Basic or bearer-token auth); {@link
 *       dev.imagestreams.testinfra.registry.RegistryExtension} does so for a JUnit 5 test class.
 *   <li>{@link dev.imagestreams.testinfra.registry.Crane} runs crane, an independent client, to
 *       read back what the fixtures pushed.
 *   <li>{@link dev.imagestreams.testinfra.registry.TokenServer} issues the RS256 JWTs that
 *       distribution's token auth accepts, as Docker Hub, GHCR and Quay do.
 *   <li>{@link dev.imagestreams.testinfra.registry.TestImages} generates deterministic OCI and
 *       Docker images, indexes and manifest lists; {@link
 *       dev.imagestreams.testinfra.registry.ImagePusher} pushes them over the HTTP API.
 *   <li>{@link dev.imagestreams.testinfra.registry.FaultProxy} sits in front of the registry and
 *       injects {@link dev.imagestreams.testinfra.registry.Fault faults} (429, 5xx, slow, hanging,
 *       truncated, tampered or oversized responses, redirects, rewritten challenges); {@link
 *       dev.imagestreams.testinfra.registry.RecordingServer} records what a client sends elsewhere.
 * </ul>
 *
 * <p>Requirements: the registry (distribution v3) and crane that {@code test-infra/build.sh} builds
 * from Go modules ({@link dev.imagestreams.testinfra.BuiltBinary}; the test command runs it first;
 * where they are missing the tests that need them are skipped, or fail with {@code CI=true});
 * beyond the JDK, JUnit Jupiter API, Jackson databind and BouncyCastle's bcrypt for {@link
 * dev.imagestreams.testinfra.registry.Htpasswd}.
 */
package dev.imagestreams.testinfra.registry;
