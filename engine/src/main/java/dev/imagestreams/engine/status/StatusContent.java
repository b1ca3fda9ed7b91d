package dev.imagestreams.engine.status;

import dev.imagestreams.api.v1.Image;
import dev.imagestreams.api.v1.NamedTagEventList;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/**
 * What a new status says, before the fields derived for printing are added ({@link PrinterFields}).
 *
 * @param tags the status tags, sorted by name
 * @param images the image records the tags point at
 * @param observedGeneration the generation the status reflects, or null
 * @param ready the Ready condition, or null
 * @param lastHandledImportRequest the import request handled last, or null
 */
record StatusContent(
    List<NamedTagEventList> tags,
    List<Image> images,
    Long observedGeneration,
    Condition ready,
    String lastHandledImportRequest) {}
