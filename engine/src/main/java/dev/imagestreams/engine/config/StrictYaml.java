package dev.imagestreams.engine.config;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a YAML tree to records strictly, so that a typo never silently falls back to a default:
 * with {@link StrictValues}, the one place the configuration's values are checked. A key the record
 * does not name, a value of the wrong type or out of its bounds and a required key not set are
 * errors. Null stands for a key not set. Each error's message starts with the key's path ({@code
 * imageImport.maxScheduledImageImportsPerMinute}, {@code allowedRegistriesForImport[0].domainName},
 * {@code registryLimits.hosts.quay.io.burst}; {@code the configuration} for the document itself).
 */
final class StrictYaml {
  private final ObjectMapper mapper = new ObjectMapper();

  StrictYaml() {
    mapper.registerModule(StrictValues.module());
  }

  /**
   * Binds the tree to the record type.
   *
   * @throws InvalidConfigException naming the key and what is wrong with it
   */
  <T> T bind(JsonNode tree, Class<T> type) throws InvalidConfigException {
    MissingKeys missing = new MissingKeys();
    try {
      T value = mapper.readerFor(type).withAttribute(MissingKeys.class, missing).readValue(tree);
      if (missing.first() != null) {
        throw new InvalidConfigException(missing.first() + ": is required");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new InvalidConfigException(
          path(e, e.getPropertyName())
              + ": unknown key (known keys: "
              + known(e.getKnownPropertyIds())
              + ")");
    } catch (MismatchedInputException e) {
      throw new InvalidConfigException(path(e, null) + ": " + expected(e));
    } catch (DatabindException e) {
      throw new InvalidConfigException(path(e, null) + ": " + e.getOriginalMessage());
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidConfigException("configuration cannot be read: " + e.getMessage());
    }
  }

  /** What a value that Jackson could not bind should have been. */
  private static String expected(MismatchedInputException e) {
    Class<?> target = e.getTargetType();
    if (target != null && Collection.class.isAssignableFrom(target)) {
      return "must be a list";
    }
    if (target != null && (target.isRecord() || Map.class.isAssignableFrom(target))) {
      return "must be a mapping";
    }
    return e.getOriginalMessage();
  }

  /**
   * The key's path, such as {@code registryLimits.hosts.quay.io.burst} or {@code
   * allowedRegistriesForImport[0].domainName}; {@code the configuration} for the document itself.
   */
  private static String path(DatabindException e, String last) {
    StringBuilder out = new StringBuilder();
    String lastName = null;
    for (JsonMappingException.Reference r : ((JsonMappingException) e).getPath()) {
      if (r.getFieldName() != null) {
        out.append(out.length() == 0 ? "" : ".").append(r.getFieldName());
        lastName = r.getFieldName();
      } else if (r.getIndex() >= 0) {
        out.append('[').append(r.getIndex()).append(']');
        lastName = null;
      }
    }
    if (last != null && !last.equals(lastName)) {
      out.append(out.length() == 0 ? "" : ".").append(last);
    }
    return out.length() == 0 ? "the configuration" : out.toString();
  }

  private static String known(Collection<Object> keys) {
    TreeSet<String> sorted = new TreeSet<>();
    if (keys != null) {
      keys.forEach(k -> sorted.add(String.valueOf(k)));
    }
    return String.join(", ", sorted);
  }
}
