package dev.imagestreams.operator.lookup;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imagestreams.engine.planning.StreamLookup;
import dev.imagestreams.engine.resolution.ImageLookup;
import dev.imagestreams.engine.resolution.LookupResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one AdmissionReview as OpenShift's image policy plugin does: on CREATE and UPDATE of the
 * objects themselves (no subresource) of the {@link WorkloadKind}s, each {@code initContainers[*]}
 * and {@code containers[*]} image is resolved by {@link ImageLookup}, and the images that resolve
 * are replaced. Skipped, as there: objects with a controller owner reference (their pods come from
 * a template resolved already), Jobs on UPDATE, and on UPDATE the containers whose name and image
 * are unchanged unless the {@code resolve-names} annotation was toggled; here also the privileged
 * namespaces (the webhook configuration never sends them). An image that must resolve and cannot
 * refuses the request, naming the container, the image and why. Pure.
 */
final class LookupAdmission {
  /** OpenShift's annotation: {@code "*"} on the object or its pod template resolves every name. */
  static final String RESOLVE_NAMES = "alpha.image.policy.openshift.io/resolve-names";

  private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers");

  private LookupAdmission() {}

  /**
   * The decision.
   *
   * @param request the request
   * @param streams the streams of the request's namespace
   * @param privileged namespaces never resolved in
   */
  static AdmissionDecision decide(
      AdmissionRequest request, StreamLookup streams, Set<String> privileged) {
    boolean update = "UPDATE".equals(request.operation());
    if (!update && !"CREATE".equals(request.operation())) {
      return AdmissionDecision.UNCHANGED;
    }
    Optional<WorkloadKind> kind = WorkloadKind.of(request.group(), request.kind());
    if (kind.isEmpty()
        || !request.subResource().isEmpty()
        || privileged.contains(request.namespace())
        || controlled(request.object())
        || (update && kind.get() == WorkloadKind.JOB)) {
      return AdmissionDecision.UNCHANGED;
    }
    boolean resolveAll = resolveAll(request.object(), kind.get());
    boolean toggled = update && resolveAll != resolveAll(request.oldObject(), kind.get());
    JsonNode podSpec = request.object().at(kind.get().podSpec());
    JsonNode oldPodSpec = update ? request.oldObject().at(kind.get().podSpec()) : null;
    List<AdmissionDecision.Replace> patch = new ArrayList<>();
    List<String> refusals = new ArrayList<>();
    for (String list : CONTAINER_LISTS) {
      JsonNode containers = podSpec.path(list);
      for (int i = 0; i < containers.size(); i++) {
        JsonNode container = containers.get(i);
        String image = container.path("image").asText(null);
        if (image == null || (update && !toggled && unchanged(container, oldPodSpec.path(list)))) {
          continue;
        }
        LookupResult result = ImageLookup.resolve(image, request.namespace(), resolveAll, streams);
        if (result instanceof LookupResult.Rewrite r && !r.image().equals(image)) {
          patch.add(
              new AdmissionDecision.Replace(
                  kind.get().podSpec() + "/" + list + "/" + i + "/image", r.image()));
        } else if (result instanceof LookupResult.Refusal r) {
          refusals.add("container \"" + container.path("name").asText() + "\": " + r.message());
        }
      }
    }
    return refusals.isEmpty()
        ? AdmissionDecision.patch(patch)
        : AdmissionDecision.refuse(String.join("; ", refusals));
  }

  /** Whether an owner reference says {@code controller: true}. */
  static boolean controlled(JsonNode object) {
    for (JsonNode owner : object.path("metadata").path("ownerReferences")) {
      if (owner.path("controller").asBoolean(false)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the object or its pod template carries {@code resolve-names: "*"}. */
  static boolean resolveAll(JsonNode object, WorkloadKind kind) {
    if ("*".equals(object.path("metadata").path("annotations").path(RESOLVE_NAMES).asText())) {
      return true;
    }
    return kind.template() != null
        && "*"
            .equals(
                object
                    .at(kind.template())
                    .path("metadata")
                    .path("annotations")
                    .path(RESOLVE_NAMES)
                    .asText());
  }

  /** Whether the old list has a container of the same name and image. */
  private static boolean unchanged(JsonNode container, JsonNode oldContainers) {
    for (JsonNode old : oldContainers) {
      if (Objects.equals(old.path("name").asText(), container.path("name").asText())
          && Objects.equals(old.path("image").asText(), container.path("image").asText())) {
        return true;
      }
    }
    return false;
  }
}
