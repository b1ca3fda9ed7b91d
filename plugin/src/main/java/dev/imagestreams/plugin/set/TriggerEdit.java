package dev.imagestreams.plugin.set;

import dev.imagestreams.engine.triggers.FieldPath;
import dev.imagestreams.engine.triggers.ImageTrigger;
import dev.imagestreams.engine.triggers.PodSpecPath;
import dev.imagestreams.engine.triggers.TriggerAnnotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code oc set triggers} does to a workload, decided without I/O: the flags checked with oc's
 * messages ({@link #request}), the triggers read from the annotation and the Deployment's {@code
 * spec.paused} ({@link #read}), changed ({@link #update}) and written back ({@link #apply}) as oc
 * writes them, and oc's listing ({@link #rows}).
 *
 * <p>As in oc, a Deployment's "config change" trigger is {@code !spec.paused}: {@code --manual},
 * {@code --auto} and {@code --remove-all} pause or resume it. Unlike oc, entries of the annotation
 * that select no container are kept as they are instead of being dropped, and a trigger on an init
 * container is written with an {@code initContainers} path (oc writes {@code containers}, which
 * selects nothing).
 */
public final class TriggerEdit {
  private TriggerEdit() {}

  /** A request oc would refuse, with oc's message. */
  public static final class InvalidRequest extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidRequest(String message) {
      super(message, null, false, false);
    }
  }

  /** The command line as given. */
  public record Flags(
      String fromImage,
      String containers,
      boolean manual,
      boolean auto,
      boolean remove,
      boolean removeAll) {}

  /**
   * The command checked.
   *
   * @param printTable list the triggers, change nothing
   * @param reset set every trigger to {@code auto} (with {@code --auto} or {@code --manual} alone)
   * @param auto whether the trigger set or reset is automatic
   * @param remove remove the {@code from} trigger
   * @param removeAll remove every trigger
   * @param from the stream tag of {@code --from-image}, {@code stream:tag}, or null
   * @param fromNamespace its namespace, empty when it is the workload's
   * @param names the containers of {@code -c}
   */
  public record Request(
      boolean printTable,
      boolean reset,
      boolean auto,
      boolean remove,
      boolean removeAll,
      String from,
      String fromNamespace,
      List<String> names) {}

  /**
   * One image trigger, as oc models it.
   *
   * @param auto not paused
   * @param from {@code stream:tag}
   * @param namespace the stream's namespace, empty for the workload's
   * @param names the containers it sets
   */
  public record ImageChange(boolean auto, String from, String namespace, List<String> names) {}

  /**
   * A workload's triggers.
   *
   * @param configChange not paused (Deployments), else always true
   * @param images the image triggers
   * @param kept annotation entries that select no container, kept as they are
   */
  public record Definition(
      boolean configChange, List<ImageChange> images, List<ImageTrigger> kept) {}

  /**
   * The workload as read.
   *
   * @param resource {@code deployments}
   * @param name its name
   * @param namespace its namespace
   * @param base where its kind keeps the pod spec
   * @param containers its containers' names
   * @param initContainers its init containers' names
   * @param annotation the trigger annotation, or null
   * @param paused {@code spec.paused} of a Deployment; null for other kinds
   */
  public record Workload(
      String resource,
      String name,
      String namespace,
      PodSpecPath base,
      List<String> containers,
      List<String> initContainers,
      String annotation,
      Boolean paused) {}

  /**
   * What to write.
   *
   * @param annotation the annotation's new value
   * @param paused the Deployment's new {@code spec.paused}, or null for other kinds
   */
  public record Result(String annotation, Boolean paused) {}

  /** Checks the flags as oc does, in oc's order, with its messages. */
  public static Request request(Flags flags, String namespace) throws InvalidRequest {
    String from = null;
    String fromNamespace = "";
    if (flags.fromImage() != null && !flags.fromImage().isEmpty()) {
      String[] parsed = streamTag(flags.fromImage());
      fromNamespace = parsed[0].equals(namespace) ? "" : parsed[0];
      from = parsed[1];
    }
    int count = from == null ? 0 : 1;
    boolean auto = flags.auto();
    boolean manual = flags.manual();
    boolean printTable = false;
    boolean reset = count == 0 && (auto || manual);
    if (count == 0 && !flags.remove() && !flags.removeAll() && !auto && !manual) {
      printTable = true;
    } else if (!flags.removeAll() && !auto && !manual) {
      auto = true;
    }
    if (auto && manual) {
      throw new InvalidRequest("you must specify at most one of --auto or --manual");
    }
    if (flags.remove() && flags.removeAll()) {
      throw new InvalidRequest("you must specify either --remove or --remove-all");
    }
    if (flags.removeAll() && (count != 0 || auto || manual)) {
      throw new InvalidRequest("--remove-all may not be used with any other flag");
    }
    if (flags.remove() && count < 1) {
      throw new InvalidRequest("--remove requires a flag defining a trigger type to be specified");
    }
    List<String> names =
        flags.containers() == null || flags.containers().isEmpty()
            ? List.of()
            : List.of(flags.containers().split(",", -1));
    return new Request(
        printTable, reset, auto, flags.remove(), flags.removeAll(), from, fromNamespace, names);
  }

  /**
   * {@code --from-image}: {@code [NAMESPACE/]STREAM:TAG}, a reference to a stream tag of this
   * server, never to a registry or a digest.
   *
   * @return the namespace (empty when not given) and {@code stream:tag}
   */
  static String[] streamTag(String value) throws InvalidRequest {
    if (value.contains("@")) {
      throw new InvalidRequest(
          "the value of --from-image must point to an image stream tag on this server");
    }
    String[] parts = value.split("/", -1);
    boolean registry =
        parts.length > 2
            || parts.length == 2
                && (parts[0].contains(".")
                    || parts[0].contains(":")
                    || parts[0].equals("localhost"));
    if (registry) {
      throw new InvalidRequest(
          "the value of --from-image must point to an image stream tag on this server");
    }
    String namespace = parts.length == 2 ? parts[0] : "";
    String nameAndTag = parts[parts.length - 1];
    int colon = nameAndTag.indexOf(':');
    String name = colon < 0 ? nameAndTag : nameAndTag.substring(0, colon);
    if (name.isEmpty()
        || !name.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")
        || parts.length == 2 && !namespace.matches("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*")) {
      throw new InvalidRequest(
          "the value of --from-image does not appear to be a valid reference to an image: "
              + "invalid reference format");
    }
    if (colon < 0 || colon == nameAndTag.length() - 1) {
      throw new InvalidRequest(
          "the value of --from-image must include the tag you wish to pull from");
    }
    if (!nameAndTag.substring(colon + 1).matches("[\\w][\\w.-]{0,127}")) {
      throw new InvalidRequest(
          "the value of --from-image does not appear to be a valid reference to an image: "
              + "invalid reference format");
    }
    return new String[] {namespace, nameAndTag};
  }

  /** The workload's triggers, as oc reads them. */
  public static Definition read(Workload w) throws InvalidRequest {
    boolean configChange = w.paused() == null || !w.paused();
    List<ImageChange> images = new ArrayList<>();
    List<ImageTrigger> kept = new ArrayList<>();
    if (w.annotation() != null) {
      TriggerAnnotation.Parsed parsed = TriggerAnnotation.parse(w.annotation());
      if (!parsed.valid()) {
        throw new InvalidRequest(
            w.resource()
                + "/"
                + w.name()
                + ": the annotation "
                + TriggerAnnotation.KEY
                + " is invalid: "
                + parsed.error());
      }
      for (ImageTrigger t : parsed.triggers()) {
        Optional<String> container = container(w, t.fieldPath());
        if (container.isEmpty()) {
          kept.add(t);
          continue;
        }
        String namespace = t.from().namespace().equals(w.namespace()) ? "" : t.from().namespace();
        images.add(
            new ImageChange(!t.paused(), t.from().name(), namespace, List.of(container.get())));
      }
    }
    return new Definition(configChange, images, kept);
  }

  /** The definition changed as the request says (oc's {@code updateTriggers}). */
  public static Definition update(Definition d, Request r) {
    if (r.removeAll()) {
      return new Definition(false, List.of(), List.of());
    }
    List<ImageChange> images = new ArrayList<>(d.images());
    if (r.remove()) {
      images.removeIf(i -> i.from().equals(r.from()));
      return new Definition(d.configChange(), images, d.kept());
    }
    if (r.reset()) {
      return new Definition(
          r.auto(),
          images.stream()
              .map(i -> new ImageChange(r.auto(), i.from(), i.namespace(), i.names()))
              .toList(),
          d.kept());
    }
    if (r.from() != null) {
      boolean found = false;
      for (int i = 0; i < images.size(); i++) {
        ImageChange existing = images.get(i);
        if (existing.from().equals(r.from()) && existing.namespace().equals(r.fromNamespace())) {
          images.set(i, new ImageChange(r.auto(), r.from(), r.fromNamespace(), r.names()));
          found = true;
          break;
        }
      }
      if (!found) {
        images.add(new ImageChange(r.auto(), r.from(), r.fromNamespace(), r.names()));
      }
    }
    return new Definition(d.configChange(), images, d.kept());
  }

  /**
   * The annotation (and a Deployment's {@code spec.paused}) for the definition (oc's {@code
   * Apply}).
   */
  public static Result apply(Definition d, Workload w) throws InvalidRequest {
    Set<String> all = new TreeSet<>(w.containers());
    all.addAll(w.initContainers());
    Set<String> triggered = new LinkedHashSet<>();
    List<ImageTrigger> out = new ArrayList<>();
    for (ImageChange image : d.images()) {
      if (image.names().isEmpty()) {
        throw new InvalidRequest("you must specify --containers when setting --from-image");
      }
      if (!all.containsAll(image.names())) {
        Set<String> missing = new TreeSet<>(image.names());
        missing.removeAll(all);
        throw new InvalidRequest(
            "not all container names exist: "
                + String.join(", ", missing)
                + " (accepts: "
                + String.join(", ", all)
                + ")");
      }
      Set<String> again = new TreeSet<>(image.names());
      again.retainAll(triggered);
      if (!again.isEmpty()) {
        throw new InvalidRequest(
            "only one trigger may reference each container: " + String.join(", ", again));
      }
      triggered.addAll(image.names());
      for (String name : image.names()) {
        String fieldPath =
            w.containers().contains(name)
                ? w.base().containerImage(name)
                : w.base().containerImage(name).replace(".containers[", ".initContainers[");
        out.add(
            new ImageTrigger(
                ImageTrigger.Source.streamTag(
                    image.namespace().equals(w.namespace()) ? "" : image.namespace(), image.from()),
                fieldPath,
                !image.auto()));
      }
    }
    out.addAll(d.kept());
    String annotation = out.isEmpty() ? "null" : TriggerAnnotation.write(out);
    return new Result(annotation, w.paused() == null ? null : !d.configChange());
  }

  /** oc's listing: {@code NAME TYPE VALUE AUTO}, a config row, then a row per image trigger. */
  public static List<List<String>> rows(Workload w, Definition d) {
    String name = w.resource() + "/" + w.name();
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of(name, "config", "", Boolean.toString(d.configChange())));
    for (ImageChange image : d.images()) {
      String from =
          image.namespace().isEmpty() ? image.from() : image.namespace() + "/" + image.from();
      String details =
          image.names().isEmpty() ? from : from + " (" + String.join(", ", image.names()) + ")";
      rows.add(List.of(name, "image", details, Boolean.toString(image.auto())));
    }
    return rows;
  }

  /** The container a fieldPath selects, as oc's {@code ContainerForObjectFieldPath} finds it. */
  private static Optional<String> container(Workload w, String fieldPath) {
    if (!(FieldPath.read(fieldPath, w.base()) instanceof FieldPath.Valid valid)) {
      return Optional.empty();
    }
    List<String> list = valid.path().init() ? w.initContainers() : w.containers();
    return valid.path().select(list).map(list::get);
  }
}
