package dev.imagestreams.plugin.completion;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code kubectl-imagestream __complete WORD... CURRENT}: the completions of the last word, in the
 * protocol kubectl (1.26 and later) expects from a plugin's {@code kubectl_complete-PLUGIN} helper,
 * which is Cobra's: one candidate per line, then {@code :4} (no file completion) when there are
 * candidates, else {@code :0} (the shell may complete file names, e.g. after {@code -f}). The
 * candidates come from picocli's model of the whole command line.
 */
@Command(
    name = "__complete",
    hidden = true,
    description = "Completions of the last word, for kubectl's plugin completion.")
public final class CompleteCommand implements Callable<Integer> {
  /** Cobra's ShellCompDirectiveDefault: the shell completes file names. */
  static final String FILES = ":0";

  /** Cobra's ShellCompDirectiveNoFileComp. */
  static final String NO_FILES = ":4";

  @Spec CommandSpec spec;

  @Unmatched List<String> words = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> line = words.isEmpty() ? List.of("") : words;
    String current = line.get(line.size() - 1);
    List<CharSequence> candidates = new ArrayList<>();
    AutoComplete.complete(
        spec.root(),
        line.toArray(String[]::new),
        line.size() - 1,
        current.length(),
        current.length(),
        candidates);
    for (CharSequence candidate : candidates) {
      String word = current + candidate;
      if (!word.startsWith("__")) {
        out.println(word);
      }
    }
    out.println(candidates.isEmpty() ? FILES : NO_FILES);
    out.flush();
    return 0;
  }
}
