package io.quizplatform.quiz.domain.game;

import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A question as the game plays it: copied from the published quiz when the game was created, so editing the quiz
 * later does not change a running game. Holds the correct answers; only the server sees this.
 */
public record GameQuestion(String id, QuestionType type, String text, String imageUrl, int timeLimitSeconds, int points,
                           List<AnswerOption> options, List<String> acceptedAnswers) {

    public static final int MAX_TEXT_ANSWER = 100;

    public GameQuestion {
        options = options == null ? List.of() : List.copyOf(options);
        acceptedAnswers = acceptedAnswers == null ? List.of() : List.copyOf(acceptedAnswers);
    }

    /**
     * Whether an answer has the shape this question asks for: known options, one for single choice and true/false,
     * at least one for multiple choice and polls, a short text for type-the-answer. Says nothing about correctness.
     */
    public void checkAnswerShape(List<String> optionIds, String text) {
        List<String> chosen = optionIds == null ? List.of() : optionIds;
        if (type == QuestionType.TYPE_ANSWER) {
            if (!chosen.isEmpty()) {
                throw invalid("This question is answered by typing: send \"text\", not \"optionIds\".");
            }
            if (text == null || text.isBlank()) {
                throw invalid("Type an answer: \"text\" must not be empty.");
            }
            if (text.codePointCount(0, text.length()) > MAX_TEXT_ANSWER) {
                throw invalid("A typed answer is at most " + MAX_TEXT_ANSWER + " characters.");
            }
            return;
        }
        if (text != null) {
            throw invalid("This question is answered by choosing: send \"optionIds\", not \"text\".");
        }
        if (chosen.isEmpty()) {
            throw invalid("Choose an option: \"optionIds\" must name at least one.");
        }
        boolean onlyOne = type == QuestionType.SINGLE_CHOICE || type == QuestionType.TRUE_FALSE;
        if (onlyOne && chosen.size() > 1) {
            throw invalid("Choose exactly one option for this question.");
        }
        Set<String> known = new HashSet<>();
        options.forEach(o -> known.add(o.id()));
        Set<String> seen = new HashSet<>();
        for (String id : chosen) {
            if (id == null || !known.contains(id)) {
                throw invalid("This question has no option with that id.");
            }
            if (!seen.add(id)) {
                throw invalid("An option is named twice.");
            }
        }
    }

    private static GameRuleViolation invalid(String message) {
        return new GameRuleViolation("invalid-answer", message);
    }
}
