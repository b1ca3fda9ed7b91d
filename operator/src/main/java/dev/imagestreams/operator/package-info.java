/**
 * The wiring: {@code OperatorMain} reads the environment, {@code ImageStreamOperator} builds every
 * part and starts it through {@code startup}, {@code LeaderElection} holds the Lease. May depend on
 * every operator package; none depends on it.
 */
package dev.imagestreams.operator;
