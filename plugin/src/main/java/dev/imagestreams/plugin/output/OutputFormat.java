package dev.imagestreams.plugin.output;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.imagestreams.plugin.cluster.CommandFailure;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Locale;

/**
 * What {@code -o} asks a verb to print: a table (the default), the objects as JSON or YAML, their
 * names, or a JSONPath template over them. {@link #parse} reads kubectl's {@code -o
 * json|yaml|name|jsonpath=TEMPLATE}, and {@link #print} prints an object as kubectl does; a verb
 * that offers fewer formats, or prints them its own way, says so itself ({@code resolve}). Pure.
 *
 * @param kind the format
 * @param template the JSONPath template, for {@code jsonpath}
 */
public record OutputFormat(Kind kind, JsonPathTemplate template) {
  public enum Kind {
    TABLE,
    JSON,
    YAML,
    NAME,
    JSONPATH;

    /** The format as written on the command line: {@code table}, {@code json}... */
    public String value() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The format of a kind without a template. */
  public static OutputFormat of(Kind kind) {
    if (kind == Kind.JSONPATH) {
      throw new IllegalArgumentException("jsonpath needs a template");
    }
    return new OutputFormat(kind, null);
  }

  private static final ObjectMapper JSON = Serialization.jsonMapper();

  /** kubectl's JSON: four-space indents, {@code "key": value}, {@code []} for an empty list. */
  private static final DefaultPrettyPrinter KUBECTL_JSON =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                  .withObjectEmptySeparator("")
                  .withArrayEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("    ", "\n"))
          .withArrayIndenter(new DefaultIndenter("    ", "\n"));

  /** kubectl's YAML: no document marker, strings quoted only where YAML needs it. */
  private static final ObjectMapper YAML_MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  /** kubectl's {@code -o} of {@code get}: empty or {@code wide} is the table. */
  public static OutputFormat parse(String option) {
    if (option == null || option.isEmpty() || option.equals("wide")) {
      return of(Kind.TABLE);
    }
    switch (option) {
      case "json":
        return of(Kind.JSON);
      case "yaml":
        return of(Kind.YAML);
      case "name":
        return of(Kind.NAME);
      default:
        break;
    }
    if (option.startsWith("jsonpath=")) {
      try {
        return new OutputFormat(
            Kind.JSONPATH, JsonPathTemplate.parse(option.substring("jsonpath=".length())));
      } catch (IllegalArgumentException e) {
        throw new CommandFailure("error parsing jsonpath: " + e.getMessage(), e);
      }
    }
    throw new CommandFailure(
        "unable to match a printer suitable for the output format \""
            + option
            + "\", allowed formats are: json,jsonpath,name,yaml");
  }

  /** The object printed in this format (not {@link Kind#TABLE} or {@link Kind#NAME}). */
  public String print(Object object) {
    JsonNode tree = JSON.valueToTree(object);
    try {
      return switch (kind) {
        case JSON -> JSON.writer(KUBECTL_JSON).writeValueAsString(tree) + "\n";
        case YAML -> YAML_MAPPER.writeValueAsString(tree);
        case JSONPATH -> template.render(tree);
        default -> throw new IllegalStateException(kind + " prints no object");
      };
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
