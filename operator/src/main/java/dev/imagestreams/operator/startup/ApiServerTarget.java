package dev.imagestreams.operator.startup;

/**
 * The API server the operator talks to, as start-up messages name it.
 *
 * @param url the API server's URL
 * @param origin where the client's configuration came from ({@link KubeconfigLocation})
 */
public record ApiServerTarget(String url, String origin) {}
