package io.quizplatform.quiz.domain.game;

import java.time.Instant;

/** What can happen in a game; the game's state is what replaying them gives. */
public sealed interface GameEvent {

    String type();

    /**
     * The quiz's questions (with their answers) and scoring settings are copied in: a game plays the quiz as it was
     * when the game was created, and the services that judge and score answers need nothing else.
     */
    record GameCreated(String gameId, String quizId, String hostId, String pin, java.util.List<Integer> timeLimitsSeconds,
                       java.util.List<GameQuestion> questions, boolean speedScoring, boolean streakBonus,
                       boolean lateJoinAllowed, int maxPlayers, Instant at) implements GameEvent {
        public String type() { return "game.created"; }
    }

    record PlayerJoined(String playerId, String nickname, Instant at) implements GameEvent {
        public String type() { return "game.player-joined"; }
    }

    record PlayerKicked(String playerId, Instant at) implements GameEvent {
        public String type() { return "game.player-kicked"; }
    }

    record GameStarted(Instant at) implements GameEvent {
        public String type() { return "game.started"; }
    }

    /** The question's text is shown for a few seconds before answers open. */
    record QuestionPreviewed(int questionIndex, Instant at, Instant opensAt) implements GameEvent {
        public String type() { return "game.question-previewed"; }
    }

    record QuestionOpened(int questionIndex, Instant at, Instant closesAt) implements GameEvent {
        public String type() { return "game.question-opened"; }
    }

    record QuestionClosed(int questionIndex, CloseReason reason, Instant at) implements GameEvent {
        public String type() { return "game.question-closed"; }
    }

    record GameEnded(EndReason reason, Instant at) implements GameEvent {
        public String type() { return "game.ended"; }
    }

    enum CloseReason { TIME_UP, ALL_ANSWERED, SKIPPED }

    /** IDLE: nothing happened to the game for a long while (its host left it), so the server ended it. */
    enum EndReason { COMPLETED, ENDED_BY_HOST, IDLE }
}
