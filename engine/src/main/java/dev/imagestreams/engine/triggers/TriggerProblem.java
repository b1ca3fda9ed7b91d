package dev.imagestreams.engine.triggers;

/**
 * Why a trigger (or the whole annotation) does not act.
 *
 * @param reason the Event reason
 * @param message what is wrong and where, for the Event
 */
public record TriggerProblem(TriggerReason reason, String message) {}
