/**
 * The import lifecycle of image streams as one API ({@code ImportEngine}, {@code StreamRound}), for
 * the operator and the kubectl plugin alike. See docs/architecture.md for the package map and its
 * rules.
 */
package dev.imagestreams.engine;
