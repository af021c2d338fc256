package io.quizplatform.quiz.domain;

/**
 * Another writer appended to the aggregate first: the command was based on a version that is no longer current. The
 * caller retries or answers 412. Abstract because the event store throws its own subclass, which carries the
 * platform's no-FFDC mark (the domain cannot name it).
 */
public abstract class ConcurrentChange extends RuntimeException {

    protected ConcurrentChange(String message) {
        super(message);
    }
}
