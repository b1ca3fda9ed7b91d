package dev.imagestreams.engine.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.imagestreams.registry.ImportMode;
import dev.imagestreams.registry.manifest.Platform;
import dev.imagestreams.registry.reference.RegistryPatterns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The Jackson mapper the configuration is bound with, strictly: unknown keys are errors (Jackson's
 * default), and no scalar is coerced into another type, so {@code '5'} is not an integer and {@code
 * 1} not a string (Jackson's coercion configuration). Lists of strings take strings only, trimmed;
 * the registry module's values are read through their parsers.
 */
final class ConfigMapper {
  private ConfigMapper() {}

  static ObjectMapper create() {
    ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
    mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Float)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper.registerModule(values());
    return mapper;
  }

  /** How the values that are not plain scalars are read. */
  private static SimpleModule values() {
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
                ? new ParsedList<>(List.class, strings -> strings)
                : super.findCollectionDeserializer(
                    type, config, bean, elementTypeDeserializer, elementDeserializer);
          }
        };
    deserializers.addDeserializer(
        ImportMode.class,
        new Parsed<>(ImportMode.class, s -> ImportMode.fromValue(s, ImportMode.LEGACY)));
    deserializers.addDeserializer(Platform.class, new Parsed<>(Platform.class, Platform::parse));
    deserializers.addDeserializer(
        StatusImageMetadata.class,
        new Parsed<>(StatusImageMetadata.class, StatusImageMetadata::parse));
    deserializers.addDeserializer(
        RegistryPatterns.class, new ParsedList<>(RegistryPatterns.class, RegistryPatterns::parse));
    deserializers.addDeserializer(
        NamespaceNames.class, new ParsedList<>(NamespaceNames.class, NamespaceNames::parse));
    SimpleModule module = new SimpleModule("configuration-values");
    module.setDeserializers(deserializers);
    return module;
  }

  /** A value read from a string by its parser; the parser's refusal is the message. */
  private static final class Parsed<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<String, T> parser;

    Parsed(Class<T> type, Function<String, T> parser) {
      super(type);
      this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw JsonMappingException.from(p, "must be a string");
      }
      try {
        return parser.apply(p.getText());
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage());
      }
    }
  }

  /** A value read from a list of strings (each trimmed) by its parser. */
  private static final class ParsedList<T> extends StdDeserializer<T> {
    private static final long serialVersionUID = 1L;
    private final transient Function<List<String>, T> parser;

    @SuppressWarnings({"unchecked", "rawtypes"})
    ParsedList(Class type, Function<List<String>, T> parser) {
      super((Class<T>) type);
      this.parser = parser;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        throw JsonMappingException.from(p, "must be a list of strings");
      }
      List<String> strings = new ArrayList<>();
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.VALUE_STRING) {
          throw JsonMappingException.from(p, "must be a list of strings");
        }
        strings.add(p.getText().trim());
      }
      try {
        return parser.apply(strings);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(p, e.getMessage());
      }
    }
  }
}
