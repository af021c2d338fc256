/**
 * Distributed tracing with the OpenTelemetry API that Liberty's mpTelemetry feature provides: spans around the
 * steps of an answer's journey and the W3C Trace Context in Kafka record headers and outbox rows, so one trace
 * follows an answer across services. Off unless the operator enables the SDK ({@code OTEL_SDK_DISABLED=false});
 * then every call here is a check of one boolean. Nothing outside infrastructure, api and the platform sees it.
 */
package io.quizplatform.platform.tracing;
