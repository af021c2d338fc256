package io.quizplatform.contracts;

import java.time.Instant;
import java.util.List;

/**
 * Payload of {@code game.created}: the game's copy of its quiz (questions with their answer keys and the scoring
 * settings), which answer-app and scoring-app play from; later edits of the quiz do not change a running game.
 *
 * @param speedScoring {@code null} (absent) in games created before the setting existed: on
 * @param streakBonus  {@code null} (absent) in games created before the setting existed: on
 */
public record GameCreated(String gameId, String quizId, String hostId, String pin, List<Question> questions,
                          Boolean speedScoring, Boolean streakBonus, boolean lateJoinAllowed, int maxPlayers, Instant at) {

    /** @param type SINGLE_CHOICE, MULTIPLE_CHOICE, TRUE_FALSE, TYPE_ANSWER or POLL */
    public record Question(String id, String type, String text, String imageUrl, int timeLimitSeconds, int points,
                           List<Option> options, List<String> acceptedAnswers) {
    }

    public record Option(String id, String text, boolean correct) {
    }
}
