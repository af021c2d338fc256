/**
 * The rules answer-app decides by, free of Jakarta and Kafka: whether an answer arrived while its question was
 * open ({@link io.quizplatform.answer.domain.AnswerWindow}), when its response time starts
 * ({@link io.quizplatform.answer.domain.FairTiming}), whether it fits and is right
 * ({@link io.quizplatform.answer.domain.AnswerKey}), and why it is refused ({@link io.quizplatform.answer.domain.Refusal}).
 * One answer per player per question is the database's rule (a unique constraint), not a check here.
 */
package io.quizplatform.answer.domain;
