/** Accounts and the rules they obey. Persistence mapping only; no Kafka, no REST. */
package io.quizplatform.user.domain;
