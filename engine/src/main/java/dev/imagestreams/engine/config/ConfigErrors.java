package dev.imagestreams.engine.config;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.TreeSet;

/**
 * Jackson's binding errors as the configuration's one-line messages, each starting with the key's
 * path ({@code imageImport.maxScheduledImageImportsPerMinute}, {@code
 * allowedRegistriesForImport[0].domainName}, {@code registryLimits.hosts.quay.io.burst}; {@code the
 * configuration} for the document itself) and saying what is wrong.
 */
final class ConfigErrors {
  private ConfigErrors() {}

  static String describe(DatabindException e) {
    if (e.getCause() instanceof TrustedCaReader.Unusable u) {
      return u.getMessage();
    }
    if (e instanceof UnrecognizedPropertyException u) {
      return path(u, u.getPropertyName())
          + ": unknown key (known keys: "
          + known(u.getKnownPropertyIds())
          + ")";
    }
    if (e instanceof ValueInstantiationException v
        && v.getCause() instanceof Check.InvalidValue i) {
      return path(v, i.key()) + ": " + i.problem();
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      return path(m, null) + ": " + expected(m.getTargetType());
    }
    return path(e, null) + ": " + e.getOriginalMessage();
  }

  /** What a value of the type must be. */
  private static String expected(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == Double.class || type == double.class) {
      return "must be a number";
    }
    if (type == String.class) {
      return "must be a string";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "must be a list";
    }
    return "must be a mapping";
  }

  /**
   * The key's path, such as {@code registryLimits.hosts.quay.io.burst} or {@code
   * allowedRegistriesForImport[0].domainName}, ending in {@code last} unless it already does.
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
