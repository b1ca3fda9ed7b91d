package dev.imagestreams.benchmarks.flux;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The results as a markdown table, one column per tool, one row per measure. */
final class SideBySideReport {
  private final BenchSettings settings;
  private final String setting;
  private final List<ContenderResult> results;
  private final StringBuilder out = new StringBuilder();

  SideBySideReport(BenchSettings settings, String setting, List<ContenderResult> results) {
    this.settings = settings;
    this.setting = setting;
    this.results = results;
  }

  String render() {
    out.append(
        String.format(
            Locale.ROOT,
            "### N = %,d, interval %d s%n%n%s%n%n",
            settings.n(),
            settings.interval().toSeconds(),
            setting));
    header();
    row("what it does each cycle, per object", r -> r.contender().whatItDoes());
    row("configuration", r -> r.contender().configuration());
    row("time until all are ready", SideBySideReport::untilReady);
    row("initial import: CPU s, controller + kube-apiserver + etcd", r -> cpu(r.initialImport()));
    row("initial import: registry requests", r -> requests(r.initialImport().registry()));
    row("initial import: API writes", r -> writes(r.initialImport()));
    cycleRow(
        "objects checked in a cycle (their repository requested)",
        w -> String.format(Locale.ROOT, "%,d of %,d", w.registry().repositories(), settings.n()));
    cycleRow("registry requests per cycle", w -> requests(w.registry()));
    cycleRow(
        "registry connections opened per cycle (of them TLS attempts)",
        w ->
            String.format(
                Locale.ROOT, "%,d (%,d)", w.registry().connections(), w.registry().tlsProbes()));
    cycleRow("API writes per cycle", SideBySideReport::writes);
    cycleRow(
        "API requests per cycle, watches aside",
        w -> String.format(Locale.ROOT, "%,d", w.api().requestCount()));
    cycleRow("CPU s per cycle: controller", w -> seconds(w.controllerCpu()));
    cycleRow("CPU s per cycle: kube-apiserver", w -> seconds(w.apiServerCpu()));
    cycleRow("CPU s per cycle: etcd", w -> seconds(w.etcdCpu()));
    cycleRow("**CPU s per cycle, the three together**", w -> "**" + seconds(w.cpuInAll()) + "**");
    row(
        "kube-apiserver + etcd CPU s per interval with the objects and no controller",
        r -> seconds(perInterval(r.idle(), r.idle().apiServerCpu() + r.idle().etcdCpu())));
    cycleRow("registry CPU s per cycle", w -> seconds(w.registryCpu()));
    row("controller resident memory after the cycles (peak)", r -> memory(r, true));
    row("kube-apiserver resident memory after the cycles (peak)", r -> memory(r, false));
    cycleRow(
        "load average (1 min) at the end of each cycle",
        w -> String.format(Locale.ROOT, "%.2f", w.end().load1()));
    cycleRow(
        "harness CPU s per cycle (counting proxy; not counted above)",
        w -> seconds(w.harnessCpu()));
    out.append('\n');
    details();
    return out.toString();
  }

  private void header() {
    out.append("| measure |");
    results.forEach(r -> out.append(' ').append(r.contender().title()).append(" |"));
    out.append("\n|---|");
    results.forEach(r -> out.append("---|"));
    out.append('\n');
  }

  private void row(String measure, Function<ContenderResult, String> cell) {
    out.append("| ").append(measure).append(" |");
    results.forEach(r -> out.append(' ').append(cell.apply(r)).append(" |"));
    out.append('\n');
  }

  /** A row with one value per measured cycle, separated by slashes. */
  private void cycleRow(String measure, Function<Window, String> cell) {
    row(
        measure,
        r ->
            r.cycles().isEmpty()
                ? "not measured: " + r.failure().orElse("no cycle")
                : r.cycles().stream().map(cell).collect(Collectors.joining(" / ")));
  }

  /** Every cycle's registry endpoints and API writes in full. */
  private void details() {
    for (ContenderResult r : results) {
      out.append("* ").append(r.contender().title()).append(": ");
      r.failure().ifPresent(f -> out.append("**").append(f).append("**; "));
      out.append("initial import ")
          .append(r.initialImport().registry().requests())
          .append(", API ")
          .append(r.initialImport().api().writes());
      for (int i = 0; i < r.cycles().size(); i++) {
        Window w = r.cycles().get(i);
        out.append("; cycle ")
            .append(i + 1)
            .append(String.format(Locale.ROOT, " (%.0f s) ", w.seconds()))
            .append(w.registry().requests())
            .append(", API ")
            .append(w.api().writes());
      }
      out.append('\n');
    }
  }

  private static String untilReady(ContenderResult r) {
    return r.allReady()
        ? seconds(r.secondsUntilReady()) + " s"
        : String.format(
            Locale.ROOT,
            "**%,d of %,d ready after %s s** (%s)",
            r.ready(),
            r.n(),
            seconds(r.secondsUntilReady()),
            r.failure().orElse(""));
  }

  private static String cpu(Window w) {
    return String.format(
        Locale.ROOT,
        "%.1f + %.1f + %.1f = %.1f",
        w.controllerCpu(),
        w.apiServerCpu(),
        w.etcdCpu(),
        w.cpuInAll());
  }

  private static String requests(RegistryTraffic t) {
    if (t.total() == 0) {
      return "0";
    }
    return new TreeMap<>(t.requests())
        .entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%,d %s", e.getValue(), e.getKey()))
            .collect(Collectors.joining(", "));
  }

  private static String writes(Window w) {
    Map<String, Long> writes = w.api().writes();
    if (writes.isEmpty()) {
      return "0";
    }
    return String.format(Locale.ROOT, "%,d", w.api().writeCount())
        + " ("
        + writes.entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "))
        + ")";
  }

  private String memory(ContenderResult r, boolean controller) {
    Window last = r.cycles().isEmpty() ? r.initialImport() : r.cycles().get(r.cycles().size() - 1);
    ProcessStats p = controller ? last.end().controller() : last.end().apiServer();
    return p == ProcessStats.NONE
        ? "not running"
        : String.format(Locale.ROOT, "%,d MiB (%,d MiB)", p.residentMiB(), p.peakResidentMiB());
  }

  private double perInterval(Window w, double cpu) {
    return cpu * settings.interval().toSeconds() / w.seconds();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f", s);
  }
}
