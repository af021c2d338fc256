package io.quizplatform.quiz.application;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which question of each game this instance has read opened from quiz-events itself. A phone may hear of an opening
 * before its event is in Kafka (the instance that opened the question pushes it at once); an answer sent straight to
 * Kafka then could land in the game's partition ahead of the opening and be refused by answer-app. Until the
 * opening is read back, answers go through quiz-app's outbox instead, whose rows are published in the order they
 * were written, so after the opening's.
 */
@ApplicationScoped
public class QuestionOpenings {

    private final Map<String, Integer> confirmed = new ConcurrentHashMap<>();

    /** The opening of the question was read from quiz-events. */
    public void readFromLog(String gameId, int questionIndex) {
        confirmed.merge(gameId, questionIndex, Math::max);
    }

    /** Whether an answer to the question can go straight to Kafka and still come after its opening. */
    public boolean inLog(String gameId, int questionIndex) {
        Integer known = confirmed.get(gameId);
        return known != null && known >= questionIndex;
    }

    public void forget(String gameId) {
        confirmed.remove(gameId);
    }
}
