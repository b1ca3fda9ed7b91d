package dev.imagestreams.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.imagestreams.engine.config.ImportConfig.AdditionalTrustedCA;
import dev.imagestreams.registry.http.TrustSettings;
import dev.imagestreams.registry.http.TrustedCas;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads {@code additionalTrustedCA: {name: ...}} with the certificates of the ConfigMap it names,
 * through the ConfigMap reader the binding carries ({@link #withConfigMaps}): each key of the
 * ConfigMap names the registry its CAs are trusted for, in OpenShift's form ({@code host}, or
 * {@code host..port} as a ConfigMap key cannot hold a colon), and each value is a PEM bundle.
 */
final class TrustedCaReader extends StdDeserializer<AdditionalTrustedCA> {
  private static final long serialVersionUID = 1L;

  /** The ConfigMaps of the operator's namespace, by name. */
  interface ConfigMaps extends Function<String, Optional<Map<String, String>>> {}

  /** A ConfigMap that cannot give the CAs; its message is the configuration error as it is. */
  static final class Unusable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message);
    }
  }

  TrustedCaReader() {
    super(AdditionalTrustedCA.class);
  }

  @Override
  public AdditionalTrustedCA deserialize(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw JsonMappingException.from(p, "must be a mapping");
    }
    String name = null;
    for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
      if (!key.equals("name")) {
        throw UnrecognizedPropertyException.from(
            p, AdditionalTrustedCA.class, key, List.<Object>of("name"));
      }
      JsonToken value = p.nextToken();
      if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
        throw JsonMappingException.from(p, "must be a string");
      }
      name = value == JsonToken.VALUE_NULL ? null : p.getText();
    }
    ConfigMaps configMaps = (ConfigMaps) ctxt.getAttribute(ConfigMaps.class);
    return new AdditionalTrustedCA(
        name, name == null || configMaps == null ? null : certificates(name, configMaps));
  }

  private static TrustedCas certificates(String name, ConfigMaps configMaps) {
    Map<String, String> data =
        configMaps
            .apply(name)
            .orElseThrow(
                () ->
                    new Unusable(
                        "additionalTrustedCA.name: ConfigMap \""
                            + name
                            + "\" does not exist in the operator's namespace"));
    Map<TrustedCas.Endpoint, List<X509Certificate>> out = new HashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
      String where =
          "additionalTrustedCA: key \"" + e.getKey() + "\" of ConfigMap \"" + name + "\"";
      TrustedCas.Endpoint registry;
      try {
        registry = TrustedCas.Endpoint.parse(e.getKey().replace("..", ":"));
      } catch (IllegalArgumentException ex) {
        throw new Unusable(where + " does not name a registry (host, or host..port)");
      }
      if (out.containsKey(registry)) {
        throw new Unusable(where + " names the same registry as another key");
      }
      try {
        out.put(registry, TrustSettings.parsePem(e.getValue()));
      } catch (CertificateException ex) {
        throw new Unusable(where + " is not a PEM certificate bundle");
      }
    }
    return new TrustedCas(out);
  }
}
