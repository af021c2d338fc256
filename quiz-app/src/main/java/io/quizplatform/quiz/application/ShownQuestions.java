package io.quizplatform.quiz.application;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When this instance first wrote each game's open question to each player's connection (the {@code welcome} or the
 * {@code state} with phase open): the {@code shownAt} an answer carries, from which answer-app counts the player's
 * response time, so the phone served last among thousands is not penalised for the server's own delay. The earliest
 * moment wins: a reconnect, a second tab or a repeated push never restarts a player's clock. Only the newest question
 * of each game is kept (an answer to an older one is refused anyway), so a game costs one entry per player here.
 * <p>
 * Per instance: a player who reconnects to another instance is first shown the question there later; answer-app
 * bounds what any stamp can give back ({@code answer.fair.timing.max.compensation.ms}).
 */
@ApplicationScoped
public class ShownQuestions {

    private record Question(int index, Map<String, Instant> firstShown) {
    }

    private final Map<String, Question> current = new ConcurrentHashMap<>();

    /** The open question was written to one of the player's connections at that moment. */
    public void shown(String gameId, int questionIndex, String playerId, Instant at) {
        Question question = current.get(gameId);
        if (question == null || question.index() < questionIndex) {
            // Once per question and game; the thousands of stamps that follow only read the map.
            question = current.compute(gameId, (id, known) -> known == null || known.index() < questionIndex
                    ? new Question(questionIndex, new ConcurrentHashMap<>()) : known);
        }
        if (question.index() == questionIndex) {
            question.firstShown().merge(playerId, at, (earlier, later) -> later.isBefore(earlier) ? later : earlier);
        }
    }

    /** When the question was first shown to the player here; empty when it was not (yet), or is no longer kept. */
    public Optional<Instant> shownAt(String gameId, int questionIndex, String playerId) {
        Question question = current.get(gameId);
        return question == null || question.index() != questionIndex ? Optional.empty()
                : Optional.ofNullable(question.firstShown().get(playerId));
    }

    public void forget(String gameId) {
        current.remove(gameId);
    }
}
