/** Records Kubernetes Events on transitions (Kubernetes client). Depends on {@code status} only. */
package dev.imagestreams.operator.events;
