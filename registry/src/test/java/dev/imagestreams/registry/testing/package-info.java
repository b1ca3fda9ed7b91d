/** Test helpers for the registry library's own values ({@code References}). */
package dev.imagestreams.registry.testing;
