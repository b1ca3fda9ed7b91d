package dev.imagestreams.plugin.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps the libraries' logging (fabric8, the registry engine) off the plugin's output: the plugin
 * reports failures itself, in one line. Without an SLF4J provider on the class path, SLF4J would
 * print three warning lines before every error; then the API's own no-op provider is chosen
 * explicitly. A provider on the class path, or {@code -Dslf4j.provider=...}, is left alone.
 */
public final class LibraryLogging {
  static final String PROVIDER = "slf4j.provider";
  static final String VERBOSITY = "slf4j.internal.verbosity";
  static final String NOP = "org.slf4j.helpers.NOP_FallbackServiceProvider";

  private LibraryLogging() {}

  /** Applies {@link #settings} to the system properties, before any logger is created. */
  public static void quiet() {
    boolean providerPresent =
        ServiceLoader.load(SLF4JServiceProvider.class, LibraryLogging.class.getClassLoader())
            .stream()
            .findAny()
            .isPresent();
    settings(System::getProperty, providerPresent).forEach(System::setProperty);
  }

  /** The system properties to set: none when a provider is present or one is configured. */
  static Map<String, String> settings(
      Function<String, String> properties, boolean providerPresent) {
    Map<String, String> set = new LinkedHashMap<>();
    if (providerPresent || properties.apply(PROVIDER) != null) {
      return set;
    }
    set.put(PROVIDER, NOP);
    if (properties.apply(VERBOSITY) == null) {
      set.put(VERBOSITY, "WARN");
    }
    return set;
  }
}
