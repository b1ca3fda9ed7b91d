/**
 * The thin JOSDK reconciler: load, plan, import, compose, write the status if it changed; its event
 * sources and the status writer. May depend on every operator package but the root, {@code startup}
 * and {@code metrics}.
 */
package dev.imagestreams.operator.reconciler;
