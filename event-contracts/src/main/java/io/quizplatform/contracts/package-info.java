/**
 * Shared event contracts: topics, event types, the envelope and payload records. Producers and consumers of
 * every service depend on this module instead of copying classes; the JSON schemas under {@code schemas/} are the
 * published form and are checked by producer and consumer tests.
 */
package io.quizplatform.contracts;
