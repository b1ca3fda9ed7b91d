package dev.imagestreams.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Nullable;
import io.fabric8.generator.annotation.Required;
import java.util.List;
import java.util.Optional;

/**
 * The status of one tag: its image history, newest first, and its import condition.
 *
 * @param tag the tag name
 * @param items the history; {@code items[0]} is the current image
 * @param conditions the {@code ImportSuccess} condition when the last import failed
 * @param observedSource the spec this status was resolved from (additive)
 * @param sourceDigest the digest the source pointed at in its registry at the last successful check
 *     when it is not the current item's image: the manifest list's digest when {@code Legacy}
 *     recorded one platform (additive; omitted when it is {@code items[0].image})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NamedTagEventList(
    @Required @JsonPropertyDescription("Tag is the tag for which the history is recorded")
        String tag,
    @Nullable @JsonPropertyDescription("Standard object's metadata.") List<TagEvent> items,
    @JsonPropertyDescription(
            "Conditions is an array of conditions that apply to the tag event list.")
        List<TagEventCondition> conditions,
    @JsonPropertyDescription("observedSource is the spec tag source this status reflects.")
        ObservedTagSource observedSource,
    @JsonPropertyDescription(
            "sourceDigest is the digest the source tag pointed at in its registry when last checked, when it is"
                + " not items[0].image: the manifest list digest when one platform was imported.")
        String sourceDigest) {

  /** The history, never null. */
  public List<TagEvent> itemList() {
    return items == null ? List.of() : items;
  }

  /** The current image, if any. */
  public Optional<TagEvent> current() {
    return itemList().isEmpty() ? Optional.empty() : Optional.of(itemList().get(0));
  }

  /**
   * The digest the source pointed at when last checked: {@link #sourceDigest} when recorded, else
   * the current item's image; null when there is none.
   */
  public String checkedDigest() {
    if (sourceDigest != null) {
      return sourceDigest;
    }
    return current().map(TagEvent::image).filter(d -> !d.isEmpty()).orElse(null);
  }

  /** The conditions, never null. */
  public List<TagEventCondition> conditionList() {
    return conditions == null ? List.of() : conditions;
  }

  /** The {@code ImportSuccess} condition, if any. */
  public Optional<TagEventCondition> importCondition() {
    return conditionList().stream()
        .filter(c -> TagEventCondition.IMPORT_SUCCESS.equals(c.type()))
        .findFirst();
  }
}
