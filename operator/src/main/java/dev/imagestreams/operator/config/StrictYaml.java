package dev.imagestreams.operator.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.io.IOException;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Binds a YAML tree to records strictly, so that a typo never silently falls back to a default: the
 * one place the configuration's values are checked. A key the record does not name, a value of the
 * wrong type and a value out of its {@link Between bounds} are errors, and so is a value that its
 * type's parser refuses ({@link ImportMode}, {@link Platform}, {@link RegistryPatterns}, {@link
 * DomainName}, {@link NamespaceNames}). Null stands for a key not set. Each error's message starts
 * with the key's path ({@code imageImport.maxScheduledImageImportsPerMinute}, {@code
 * allowedRegistriesForImport[0].domainName}, {@code registryLimits.hosts.quay.io.burst}).
 */
final class StrictYaml {
  /** An integer's bounds. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Between {
    long min();

    long max() default Long.MAX_VALUE;

    /** A value outside the bounds that means "no cap"; 0 for none. */
    long noCap() default 0;
  }

  /** A number that must be above zero. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Positive {}

  /** A key that must be set. */
  @Retention(RetentionPolicy.RUNTIME)
  @interface Required {}

  /** Reads a value from its node; an {@link IllegalArgumentException} says what is wrong. */
  private interface Reader<T> {
    T read(JsonNode node, BeanProperty property);
  }

  private final ObjectMapper mapper = new ObjectMapper();

  StrictYaml() {
    SimpleDeserializers deserializers =
        new SimpleDeserializers() {
          @Override
          public JsonDeserializer<?> findCollectionDeserializer(
              CollectionType type,
              DeserializationConfig config,
              BeanDescription bean,
              TypeDeserializer elementTypeDeserializer,
              JsonDeserializer<?> elementDeserializer)
              throws JsonMappingException {
            return type.getContentType().hasRawClass(String.class)
                ? new Rule<>(StrictYaml::strings, null)
                : super.findCollectionDeserializer(
                    type, config, bean, elementTypeDeserializer, elementDeserializer);
          }
        };
    deserializers.addDeserializer(String.class, new Rule<>(StrictYaml::string, null));
    deserializers.addDeserializer(Boolean.class, new Rule<>(StrictYaml::bool, null));
    deserializers.addDeserializer(Long.class, new Rule<>(StrictYaml::integer, null));
    deserializers.addDeserializer(
        Integer.class, new Rule<>((n, p) -> Math.toIntExact(integer(n, p)), null));
    deserializers.addDeserializer(Double.class, new Rule<>(StrictYaml::number, null));
    deserializers.addDeserializer(
        ImportMode.class, parsed(s -> ImportMode.fromValue(s, ImportMode.LEGACY)));
    deserializers.addDeserializer(Platform.class, parsed(Platform::parse));
    deserializers.addDeserializer(DomainName.class, parsed(DomainName::parse));
    deserializers.addDeserializer(
        RegistryPatterns.class, new Rule<>((n, p) -> RegistryPatterns.parse(strings(n, p)), null));
    deserializers.addDeserializer(
        NamespaceNames.class, new Rule<>((n, p) -> NamespaceNames.parse(strings(n, p)), null));
    SimpleModule module = new SimpleModule("strict-configuration");
    module.setDeserializers(deserializers);
    mapper.registerModule(module);
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
      if (missing.first != null) {
        throw new InvalidConfigException(missing.first + ": is required");
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

  private static <T> Rule<T> parsed(Function<String, T> parser) {
    return new Rule<>((n, p) -> parser.apply(string(n, p)), null);
  }

  private static String string(JsonNode node, BeanProperty property) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException("must be a string");
    }
    return node.asText();
  }

  private static List<String> strings(JsonNode node, BeanProperty property) {
    if (!node.isArray()) {
      throw new IllegalArgumentException("must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isTextual()) {
        throw new IllegalArgumentException("must be a list of strings");
      }
      out.add(item.asText().trim());
    }
    return out;
  }

  private static Boolean bool(JsonNode node, BeanProperty property) {
    if (!node.isBoolean()) {
      throw new IllegalArgumentException("must be true or false");
    }
    return node.asBoolean();
  }

  private static Long integer(JsonNode node, BeanProperty property) {
    if (!node.isIntegralNumber()) {
      throw new IllegalArgumentException("must be an integer");
    }
    long value = node.asLong();
    Between between = property == null ? null : property.getAnnotation(Between.class);
    if (between == null
        || (value >= between.min() && value <= between.max())
        || (between.noCap() != 0 && value == between.noCap())) {
      return value;
    }
    String range =
        between.max() == Long.MAX_VALUE
            ? "at least " + between.min()
            : "between " + between.min() + " and " + between.max();
    throw new IllegalArgumentException(
        "must be " + (between.noCap() == 0 ? "" : between.noCap() + " (no cap) or ") + range);
  }

  private static Double number(JsonNode node, BeanProperty property) {
    boolean positive = property != null && property.getAnnotation(Positive.class) != null;
    if (!node.isNumber() || (positive && node.asDouble() <= 0)) {
      throw new IllegalArgumentException(
          positive ? "must be a positive number" : "must be a number");
    }
    return node.asDouble();
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

  /** The first required key found missing. */
  private static final class MissingKeys {
    private String first;

    void add(String mapping, String key) {
      if (first == null) {
        first = mapping.isEmpty() ? key : mapping + "." + key;
      }
    }
  }

  /** The path of the mapping a parser is in, as {@link #path} writes it. */
  private static String pathOf(JsonStreamContext context) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      parts.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
    }
    return String.join(".", parts).replace(".[", "[");
  }

  /** A value read by a {@link Reader}, for one property (whose annotations it sees). */
  private static final class Rule<T> extends JsonDeserializer<T> implements ContextualDeserializer {
    private final Reader<T> reader;
    private final BeanProperty property;

    Rule(Reader<T> reader, BeanProperty property) {
      this.reader = reader;
      this.property = property;
    }

    @Override
    public JsonDeserializer<?> createContextual(
        DeserializationContext ctxt, BeanProperty property) {
      return new Rule<>(reader, property);
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      try {
        return reader.read(node, property);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage());
      }
    }

    /** A key set to null. */
    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      if (required()) {
        throw JsonMappingException.from(ctxt, "is required");
      }
      return null;
    }

    /**
     * A key not set. A required one is reported once the document is bound, so that an unknown key
     * next to it (a misspelling of it, most likely) is reported first.
     */
    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      if (required()) {
        ((MissingKeys) ctxt.getAttribute(MissingKeys.class))
            .add(pathOf(ctxt.getParser().getParsingContext()), property.getName());
      }
      return null;
    }

    private boolean required() {
      return property != null && property.getAnnotation(Required.class) != null;
    }
  }
}
