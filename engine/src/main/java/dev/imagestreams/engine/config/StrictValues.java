package dev.imagestreams.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
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
import java.util.List;
import java.util.function.Function;

/**
 * How each of the configuration's values is read, strictly: strings, integers (within their {@link
 * Between bounds}), booleans, numbers and lists of strings only from the YAML type they are, and
 * {@link ImportMode}, {@link Platform}, {@link RegistryPatterns}, {@link DomainName} and {@link
 * NamespaceNames} through their parsers. A value that is wrong fails with what is wrong ("must be
 * an integer"); {@link StrictYaml} puts the key's path in front.
 */
final class StrictValues {
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

  private StrictValues() {}

  /** The Jackson module of these readers. */
  static Module module() {
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
                ? new Rule<>(StrictValues::strings, null)
                : super.findCollectionDeserializer(
                    type, config, bean, elementTypeDeserializer, elementDeserializer);
          }
        };
    deserializers.addDeserializer(String.class, new Rule<>(StrictValues::string, null));
    deserializers.addDeserializer(Boolean.class, new Rule<>(StrictValues::bool, null));
    deserializers.addDeserializer(Long.class, new Rule<>(StrictValues::integer, null));
    deserializers.addDeserializer(
        Integer.class, new Rule<>((n, p) -> Math.toIntExact(integer(n, p)), null));
    deserializers.addDeserializer(Double.class, new Rule<>(StrictValues::number, null));
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
    return module;
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
        MissingKeys.of(ctxt).add(ctxt.getParser().getParsingContext(), property.getName());
      }
      return null;
    }

    private boolean required() {
      return property != null && property.getAnnotation(Required.class) != null;
    }
  }
}
