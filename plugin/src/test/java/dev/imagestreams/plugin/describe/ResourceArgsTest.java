package dev.imagestreams.plugin.describe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.imagestreams.plugin.describe.ResourceArgs.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceArgsTest {
  @Test
  void kubectlsForms() {
    assertThat(ResourceArgs.parse(List.of("is/python")))
        .isEqualTo(new ResourceArgs(Kind.STREAM, "python"));
    assertThat(ResourceArgs.parse(List.of("imagestream", "python")))
        .isEqualTo(new ResourceArgs(Kind.STREAM, "python"));
    assertThat(ResourceArgs.parse(List.of("python")))
        .isEqualTo(new ResourceArgs(Kind.STREAM, "python"));
    assertThat(ResourceArgs.parse(List.of("istag/python:3.12")))
        .isEqualTo(new ResourceArgs(Kind.TAG, "python:3.12"));
    assertThat(ResourceArgs.parse(List.of("imagestreamtags", "python:3.12")))
        .isEqualTo(new ResourceArgs(Kind.TAG, "python:3.12"));
    assertThat(ResourceArgs.parse(List.of("python:3.12")))
        .isEqualTo(new ResourceArgs(Kind.TAG, "python:3.12"));
    assertThat(ResourceArgs.parse(List.of("is"))).isEqualTo(new ResourceArgs(Kind.STREAM, null));
    assertThat(ResourceArgs.parse(List.of("istag"))).isEqualTo(new ResourceArgs(Kind.TAG, null));
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
