/**
 * Accounts and the rules they obey. Plain Java: no persistence mapping (that is {@code infrastructure.UserRecord}),
 * no Kafka, no REST.
 */
package io.quizplatform.user.domain;
