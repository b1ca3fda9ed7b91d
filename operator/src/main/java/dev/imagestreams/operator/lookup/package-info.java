/**
 * Image reference resolution served as a mutating admission webhook: the AdmissionReview decision
 * ({@link dev.imagestreams.operator.lookup.LookupAdmission}, pure), the HTTPS server, its serving
 * certificate (built in, or mounted by cert-manager) and the webhook configuration the operator
 * keeps (namespaces, CA bundle). See docs/image-lookup.md.
 */
package dev.imagestreams.operator.lookup;
