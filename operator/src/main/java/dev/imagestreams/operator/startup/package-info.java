/**
 * Starts the operator or says precisely why it cannot: preflight requests, CRD installation,
 * classification of failures, logging and kubeconfig settings. Depends on {@code config} only; the
 * operator it starts is handed in ({@code OperatorStartup.Startable}).
 */
package dev.imagestreams.operator.startup;
