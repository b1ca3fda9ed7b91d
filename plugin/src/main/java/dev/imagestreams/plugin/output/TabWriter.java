package dev.imagestreams.plugin.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns tab-separated cells into columns as Go's {@code text/tabwriter} does, so the plugin's
 * output lines up exactly as {@code oc}'s and {@code kubectl}'s: a column is a run of consecutive
 * lines that have a cell at that position (a line's text after its last tab belongs to no column),
 * and its width is its widest cell plus the padding.
 *
 * <p>Two settings are used: {@link #describe()} ({@code oc describe}: cells padded with tabs) and
 * {@link #table()} ({@code kubectl get}: at least 6 wide, three spaces between columns).
 */
public final class TabWriter {
  private final int minWidth;
  private final int tabWidth;
  private final int padding;
  private final boolean padWithTabs;
  private final List<List<String>> lines = new ArrayList<>();
  private final StringBuilder pending = new StringBuilder();

  private TabWriter(int minWidth, int tabWidth, int padding, boolean padWithTabs) {
    this.minWidth = minWidth;
    this.tabWidth = tabWidth;
    this.padding = padding;
    this.padWithTabs = padWithTabs;
  }

  /** {@code oc describe}'s writer: min width 0, tab width 8, padding 1, padded with tabs. */
  public static TabWriter describe() {
    return new TabWriter(0, 8, 1, true);
  }

  /** {@code oc set triggers}' writer: min width 0, tab width 2, padding 2, padded with spaces. */
  public static TabWriter setTriggers() {
    return new TabWriter(0, 2, 2, false);
  }

  /** {@code kubectl get}'s writer: min width 6, padding 3, padded with spaces. */
  public static TabWriter table() {
    return new TabWriter(6, 4, 3, false);
  }

  /** Appends text; {@code \t} ends a cell and {@code \n} a line. */
  public TabWriter print(String text) {
    pending.append(text);
    return this;
  }

  /** Appends a formatted text ({@link String#format}). */
  public TabWriter printf(String format, Object... args) {
    return print(String.format(format, args));
  }

  /** The aligned text of everything printed. */
  @Override
  public String toString() {
    lines.clear();
    String all = pending.toString();
    int start = 0;
    while (start < all.length()) {
      int end = all.indexOf('\n', start);
      boolean terminated = end >= 0;
      String line = terminated ? all.substring(start, end) : all.substring(start);
      lines.add(List.of(line.split("\t", -1)));
      start = terminated ? end + 1 : all.length();
      if (!terminated) {
        break;
      }
    }
    boolean trailingNewline = all.endsWith("\n");
    StringBuilder out = new StringBuilder();
    int[] widths = new int[64];
    format(out, widths, 0, 0, lines.size());
    String text = out.toString();
    // every line was written with a newline; drop the one the input did not have
    return trailingNewline || text.isEmpty() ? text : text.substring(0, text.length() - 1);
  }

  /** Writes lines [line0, line1) whose columns left of {@code column} have their widths. */
  private int format(StringBuilder out, int[] widths, int column, int line0, int line1) {
    int written = line0;
    for (int current = line0; current < line1; current++) {
      if (column >= lines.get(current).size() - 1) {
        continue;
      }
      written = writeLines(out, widths, column, written, current);
      int width = minWidth;
      int end = current;
      for (; end < line1; end++) {
        List<String> cells = lines.get(end);
        if (column >= cells.size() - 1) {
          break;
        }
        width =
            Math.max(
                width, cells.get(column).codePointCount(0, cells.get(column).length()) + padding);
      }
      widths[column] = width;
      written = format(out, widths, column + 1, current, end);
      current = end - 1;
    }
    return writeLines(out, widths, column, written, line1);
  }

  private int writeLines(StringBuilder out, int[] widths, int columns, int from, int to) {
    for (int i = from; i < to; i++) {
      List<String> cells = lines.get(i);
      for (int j = 0; j < cells.size(); j++) {
        String cell = cells.get(j);
        out.append(cell);
        if (j < columns && j < cells.size() - 1) {
          pad(out, cell.codePointCount(0, cell.length()), widths[j]);
        }
      }
      out.append('\n');
    }
    return to;
  }

  private void pad(StringBuilder out, int textWidth, int cellWidth) {
    if (padWithTabs) {
      int rounded = (cellWidth + tabWidth - 1) / tabWidth * tabWidth;
      out.append("\t".repeat((rounded - textWidth + tabWidth - 1) / tabWidth));
    } else {
      out.append(" ".repeat(cellWidth - textWidth));
    }
  }
}
