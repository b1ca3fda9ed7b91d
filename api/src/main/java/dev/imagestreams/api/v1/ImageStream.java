package dev.imagestreams.api.v1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.Map;

/**
 * An ImageStream: named tags, each tracking an external image or another tag, with the resolved
 * image history in its status. The schema is OpenShift's {@code image.openshift.io/v1}, so YAML
 * written for or exported from OpenShift applies unchanged; the status adds kstatus conditions,
 * image metadata and printer fields.
 */
@Group(ImageStream.GROUP)
@Version(ImageStream.VERSION)
@Kind("ImageStream")
@Plural("imagestreams")
@Singular("imagestream")
@ShortNames("is")
@AdditionalPrinterColumn(
    name = "Image Repository",
    jsonPath = ".status.displayRepository",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Tags",
    jsonPath = ".status.tagsSummary",
    type = AdditionalPrinterColumn.Type.STRING)
// The CRD generator orders columns by JSON path; the bracket form puts UPDATED after TAGS, as in oc
// get is.
@AdditionalPrinterColumn(
    name = "Updated",
    jsonPath = ".status['lastUpdated']",
    type = AdditionalPrinterColumn.Type.DATE)
// READY (the Ready condition's status) comes first, as kubectl shows it for workloads: a stream
// that will not import (a privileged namespace, an invalid spec) says False there; -o wide adds
// the reason.
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status['conditions'][?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
public class ImageStream extends CustomResource<ImageStreamSpec, ImageStreamStatus>
    implements Namespaced {
  private static final long serialVersionUID = 1L;

  public static final String GROUP = "image.openshift.io";
  public static final String VERSION = "v1";

  /** The value of one of the stream's annotations, or null. */
  public String annotation(String key) {
    Map<String, String> annotations = getMetadata() == null ? null : getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }

  @Override
  protected ImageStreamSpec initSpec() {
    return new ImageStreamSpec(null, null, null);
  }
}
