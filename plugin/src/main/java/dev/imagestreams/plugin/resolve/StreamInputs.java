package dev.imagestreams.plugin.resolve;

import dev.imagestreams.api.v1.ImageStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reads the ImageStreams that {@code -f} names: files, directories (their {@code .yaml}, {@code
 * .yml} and {@code .json} files, in name order, not recursing) and {@code -} for standard input;
 * without {@code -f}, the example stream embedded in the jar.
 */
public final class StreamInputs {
  /** The example resolved when no {@code -f} is given: the README's python stream. */
  public static final String EXAMPLE_RESOURCE = "python.yaml";

  public static final String STDIN = "-";

  private final StreamDocuments documents;
  private final InputStream stdin;

  public StreamInputs(StreamDocuments documents, InputStream stdin) {
    this.documents = documents;
    this.stdin = stdin;
  }

  /**
   * The streams of every input, in the order given.
   *
   * @param inputs the {@code -f} values; empty for the embedded example
   * @throws InvalidInputException naming the input that cannot be read or parsed
   */
  public List<ImageStream> read(List<String> inputs) throws InvalidInputException {
    if (inputs.isEmpty()) {
      return documents.parse(example(), "the embedded example " + EXAMPLE_RESOURCE);
    }
    List<ImageStream> streams = new ArrayList<>();
    for (String input : inputs) {
      if (input.equals(STDIN)) {
        streams.addAll(documents.parse(readStdin(), "<stdin>"));
        continue;
      }
      Path path = Path.of(input);
      if (Files.isDirectory(path)) {
        for (Path file : manifests(path)) {
          streams.addAll(documents.parse(readFile(file), file.toString()));
        }
      } else if (Files.isRegularFile(path)) {
        streams.addAll(documents.parse(readFile(path), input));
      } else {
        throw new InvalidInputException(input + ": no such file or directory");
      }
    }
    return streams;
  }

  /** The embedded example's text. */
  public static String example() {
    try (InputStream in = StreamInputs.class.getResourceAsStream(EXAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(EXAMPLE_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> manifests(Path directory) throws InvalidInputException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries
          .filter(Files::isRegularFile)
          .filter(StreamInputs::isManifest)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new InvalidInputException(directory + ": cannot list the directory: " + e, e);
    }
  }

  private static boolean isManifest(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static String readFile(Path file) throws InvalidInputException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  private String readStdin() throws InvalidInputException {
    try {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException("<stdin>: cannot be read: " + e.getMessage(), e);
    }
  }
}
