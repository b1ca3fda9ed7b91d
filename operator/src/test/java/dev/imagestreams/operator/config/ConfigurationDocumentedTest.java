package dev.imagestreams.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.imagestreams.engine.config.ImportConfig;
import dev.imagestreams.engine.config.NamespaceNames;
import dev.imagestreams.registry.http.TrustedCas;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md documents exactly the keys the configuration declares: every key of {@link
 * ImportConfig} (its nested sections walked) has a row with its default, every variable of {@link
 * ProcessSettings} has a row, and no row names a key that does not exist.
 */
class ConfigurationDocumentedTest {
  private static final Pattern ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|([^|]*)\\|");

  private static Map<String, String> rows(String section) throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
    int start = doc.indexOf(section);
    int end = doc.indexOf("\n## ", start + 1);
    Matcher m = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
    Map<String, String> rows = new LinkedHashMap<>();
    while (m.find()) {
      rows.put(m.group(1), m.group(2).trim());
    }
    return rows;
  }

  @Test
  void everyConfigMapKeyHasARowWithItsDefaultAndEveryRowAKey() throws Exception {
    Map<String, Object> keys = new LinkedHashMap<>();
    walk("", ImportConfig.class, ImportConfig.defaults(), keys);
    Map<String, String> rows = rows("## The cluster configuration (ConfigMap)");

    assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(keys.keySet());
    keys.forEach(
        (key, value) -> {
          if (value instanceof Number || value instanceof Boolean || value instanceof Enum) {
            assertThat(rows.get(key)).as("the default of " + key).contains(display(value));
          }
        });
  }

  @Test
  void everyEnvironmentVariableHasARowAndEveryRowAVariable() throws Exception {
    var naming = new PropertyNamingStrategies.UpperSnakeCaseStrategy();
    List<String> variables =
        Arrays.stream(ProcessSettings.class.getRecordComponents())
            .map(c -> naming.translate(c.getName()))
            .toList();

    assertThat(rows("## The process (environment)").keySet())
        .containsExactlyInAnyOrderElementsOf(variables);
  }

  /**
   * The keys of a section: nested sections are walked ({@code imageImport.…}), a list of sections
   * by its entries' keys ({@code allowedRegistriesForImport[].domainName}) as well as itself, a map
   * of sections by its key ({@code registryLimits.hosts.<host>}); values bound from elsewhere (the
   * CA certificates, read from their ConfigMap) are not keys.
   */
  private static void walk(String prefix, Class<?> type, Object value, Map<String, Object> out)
      throws ReflectiveOperationException {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getType() == TrustedCas.class) {
        continue;
      }
      JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
      String key = prefix + (renamed != null ? renamed.value() : c.getName());
      Object v = value == null ? null : c.getAccessor().invoke(value);
      if (isSection(c.getType())) {
        walk(key + ".", c.getType(), v, out);
      } else if (List.class.isAssignableFrom(c.getType()) && isSection(element(c))) {
        out.put(key, v);
        walk(key + "[].", element(c), null, out);
      } else if (Map.class.isAssignableFrom(c.getType())) {
        out.put(key + ".<host>", null);
      } else {
        out.put(key, v);
      }
    }
  }

  /** A record of the configuration's own that holds keys (not a value such as a platform). */
  private static boolean isSection(Class<?> type) {
    return type.isRecord()
        && type.getPackageName().equals(ImportConfig.class.getPackageName())
        && type != NamespaceNames.class;
  }

  private static Class<?> element(RecordComponent c) {
    Type[] args = ((ParameterizedType) c.getGenericType()).getActualTypeArguments();
    return args[args.length - 1] instanceof Class<?> k ? k : Object.class;
  }

  private static String display(Object value) {
    if (value instanceof Double d && d == Math.rint(d)) {
      return String.valueOf(d.longValue());
    }
    if (value instanceof Enum<?> e) {
      return Arrays.stream(e.getDeclaringClass().getMethods())
          .filter(m -> m.getName().equals("value") && m.getParameterCount() == 0)
          .findFirst()
          .map(
              m -> {
                try {
                  return String.valueOf(m.invoke(e));
                } catch (ReflectiveOperationException ex) {
                  return e.name();
                }
              })
          .orElse(e.name());
    }
    return String.valueOf(value);
  }
}
