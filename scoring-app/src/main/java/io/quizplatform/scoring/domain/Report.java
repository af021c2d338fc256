package io.quizplatform.scoring.domain;

import io.quizplatform.contracts.Standing;

import java.time.Instant;
import java.util.List;

/**
 * A finished game's report, as the host's screen shows it and the CSV download lists it.
 *
 * @param questionsPlayed questions that were opened (a game ended early plays fewer than its quiz has)
 */
public record Report(String gameId, String quizId, String hostId, String endReason, Instant endedAt, Instant builtAt,
                     int players, int questionsPlayed, List<Standing> podium, List<PlayerLine> ranking,
                     List<QuestionLine> questions) {

    /**
     * @param averageResponseMs over the player's answers; {@code null} if they answered nothing
     * @param pointsByQuestion  points (bonus included) per question played, 0 where they did not answer
     */
    public record PlayerLine(int rank, String playerId, String nickname, int score, int correctAnswers, int answered,
                             Long averageResponseMs, List<Integer> pointsByQuestion) {
    }

    /**
     * @param percentCorrect share of the answers given that were right, one decimal; {@code null} for polls, questions
     *                       not played and questions nobody answered
     */
    public record QuestionLine(int index, String type, String text, int points, boolean played, int answered, int correct,
                               Double percentCorrect, Long averageResponseMs, List<OptionLine> distribution,
                               List<TextLine> textAnswers) {

        /**
         * A question type as the quiz API spells it ({@code single-choice}, {@code multiple-choice}, {@code true-false},
         * {@code type-answer}, {@code poll}), from the constant {@code game.created} carries ({@code SINGLE_CHOICE}).
         */
        public static String apiType(String eventType) {
            return eventType == null ? null : eventType.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public record OptionLine(String optionId, String text, boolean correct, int count) {
    }

    public record TextLine(String text, int count) {
    }
}
