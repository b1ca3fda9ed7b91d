/**
 * Builds a stream's status from its plan and import outcomes. {@code StatusComposer} runs the
 * steps, each in its own class: {@code ImportedTags} composes the tags that are not references,
 * {@code TrackedTags} resolves references against them (pull specs localised by {@code
 * StreamRepositories}), {@code TagStatusWriter} applies {@code TagHistory}'s rules, {@code
 * ImageCatalog} keeps the image records ({@code ImageRecords}), {@code ReadyCondition} derives
 * Ready, and {@code PrinterFields} the printed fields. What is news for Events is decided in {@code
 * events}, not here. Pure: depends on {@code planning}, {@code imports}, {@code config}'s values,
 * the API model and the registry module's values; no I/O package, no Kubernetes client, no JOSDK.
 */
package dev.imagestreams.engine.status;
