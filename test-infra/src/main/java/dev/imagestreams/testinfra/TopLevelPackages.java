package dev.imagestreams.testinfra;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The slices a module's {@code LayeringTest} checks for cycles: one per top-level package below the
 * module's root package, and the root package one of its own, {@code (root)}. Classes outside the
 * root are ignored.
 */
public final class TopLevelPackages implements SliceAssignment {
  private final String root;
  private final String description;

  /**
   * @param root the module's root package, e.g. {@code dev.imagestreams.engine}
   * @param description what the slices are, for failure messages
   */
  public TopLevelPackages(String root, String description) {
    this.root = root;
    this.description = description;
  }

  @Override
  public SliceIdentifier getIdentifierOf(JavaClass c) {
    String p = c.getPackageName();
    if (p.equals(root)) {
      return SliceIdentifier.of("(root)");
    }
    if (p.startsWith(root + ".")) {
      return SliceIdentifier.of(p.substring(root.length() + 1).split("\\.")[0]);
    }
    return SliceIdentifier.ignore();
  }

  @Override
  public String getDescription() {
    return description;
  }
}
