package io.quizplatform.quiz.domain.quiz;

/** Per-quiz scoring switches (Kahoot's speed bonus and answer streak), both on by default. */
public record QuizSettings(boolean speedScoring, boolean streakBonus) {

    public static final QuizSettings DEFAULT = new QuizSettings(true, true);
}
