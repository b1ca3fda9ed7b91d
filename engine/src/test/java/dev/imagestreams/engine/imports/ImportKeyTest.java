package dev.imagestreams.engine.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.ResolveOptions;
import dev.imagestreams.registry.manifest.PlatformPreference;
import dev.imagestreams.registry.reference.ImageReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImportKeyTest {
  private static final ResolveOptions ARM_FIRST =
      new ResolveOptions(
          ImportMode.LEGACY,
          List.of(new PlatformPreference("linux", "arm64", null), PlatformPreference.LINUX_AMD64));

  @Test
  void aSharedImportResolvesWithTheOptionsOfTheTagsThatAskedForIt() throws Exception {
    ImportKey key = ImportKey.of(ImageReference.parse("nginx:1"), ARM_FIRST, false, "anonymous");
    assertThat(key.resolveOptions()).isEqualTo(ARM_FIRST);
  }

  @Test
  void aKeyReadsInLogsAsItsReferenceModeSecurityAndCredentials() throws Exception {
    ImageReference nginx = ImageReference.parse("nginx:1");
    assertThat(ImportKey.of(nginx, ARM_FIRST, false, "anonymous"))
        .hasToString("docker.io/library/nginx:1 [Legacy, credentials anonymous]");
    assertThat(
            ImportKey.of(
                nginx,
                new ResolveOptions(ImportMode.PRESERVE_ORIGINAL, List.of()),
                true,
                "anonymous"))
        .hasToString(
            "docker.io/library/nginx:1 [PreserveOriginal, insecure, credentials anonymous]");
  }
}
