package dev.imagestreams.plugin.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.plugin.describe.ResourceArgs.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceArgsTest {
  @ParameterizedTest
  @CsvSource({
    "is/python, STREAM, python",
    "imagestream python, STREAM, python",
    "python, STREAM, python",
    "istag/python:3.12, TAG, python:3.12",
    "imagestreamtags python:3.12, TAG, python:3.12",
    "python:3.12, TAG, python:3.12",
    "is, STREAM,",
    "istag, TAG,"
  })
  void kubectlsForms(String args, Kind kind, String name) {
    assertThat(ResourceArgs.parse(List.of(args.split(" "))))
        .isEqualTo(new ResourceArgs(kind, name));
  }

  @Test
  void aTagWithoutATagNameIsLatest() {
    ResourceArgs tag = ResourceArgs.parse(List.of("istag/python"));
    assertThat(tag.stream()).isEqualTo("python");
    assertThat(tag.tag()).isEqualTo("latest");
  }

  @Test
  void badNamesSayWhy() {
    assertThatThrownBy(() -> ResourceArgs.parse(List.of()))
        .hasMessageContaining("type of resource");
    assertThatThrownBy(() -> ResourceArgs.parse(List.of("pods/x")))
        .hasMessageContaining("resource type \"pods\"");
    assertThatThrownBy(() -> ResourceArgs.parse(List.of("is/python:3")))
        .hasMessage("\"python:3\" is a tag: use istag/python:3 for an image stream tag");
    assertThatThrownBy(() -> ResourceArgs.parse(List.of("a", "b")))
        .hasMessageContaining("one resource at a time");
  }
}
