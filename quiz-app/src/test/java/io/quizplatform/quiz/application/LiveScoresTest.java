package io.quizplatform.quiz.application;

import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionScored.Ahead;
import io.quizplatform.contracts.QuestionScored.Line;
import io.quizplatform.contracts.Standing;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveScoresTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final String GAME = "2b7e1c9d-5a4f-4e3b-8c2d-1f0e9d8c7b6a";
    private static final String ADA = "7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9";
    private static final String BOB = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b";

    private final MovingClock clock = new MovingClock();
    private final LiveScores scores = new LiveScores(clock);

    @Test
    void keepsEachPlayersLineOfTheLatestQuestion() {
        scores.scored(part(0, 0, 2, line(ADA, 1, 900, 900), line(BOB, 2, 0, 0)));
        scores.scored(part(1, 0, 1, line(ADA, 2, 0, 900)));
        scores.scored(part(1, 1, 1, line(BOB, 1, 1000, 1000)));

        assertThat(scores.score(GAME, ADA)).get().satisfies(s -> {
            assertThat(s.questionIndex()).isEqualTo(1);
            assertThat(s.total()).isEqualTo(900);
            assertThat(s.rank()).isEqualTo(2);
            assertThat(s.players()).isEqualTo(2);
            assertThat(s.ahead()).isEqualTo(new Ahead("Bob", 1000));
        });
        assertThat(scores.score(GAME, BOB)).get().satisfies(s -> {
            assertThat(s.questionIndex()).isEqualTo(1);
            assertThat(s.rank()).isEqualTo(1);
            assertThat(s.ahead()).isNull();
        });
        assertThat(scores.score(GAME, "someone-else")).isEmpty();
        assertThat(scores.score("another-game", ADA)).isEmpty();
    }

    @Test
    void aLatePartOfAnEarlierQuestionChangesNothingNewer() {
        scores.scored(part(2, 0, 1, line(ADA, 1, 500, 2500)));
        scores.scored(part(1, 0, 1, line(ADA, 3, 100, 2000)));

        assertThat(scores.score(GAME, ADA).orElseThrow().questionIndex()).isEqualTo(2);
        assertThat(scores.score(GAME, ADA).orElseThrow().total()).isEqualTo(2500);
        assertThat(scores.leaderboard(GAME).orElseThrow().questionIndex()).isEqualTo(2);
    }

    @Test
    void aRedeliveredPartChangesNothing() {
        QuestionScored part = part(0, 0, 1, line(ADA, 1, 900, 900));
        scores.scored(part);
        scores.scored(part);

        assertThat(scores.score(GAME, ADA).orElseThrow().total()).isEqualTo(900);
        assertThat(scores.leaderboard(GAME).orElseThrow().leaders()).hasSize(2);
    }

    @Test
    void keepsTheLatestLeadersAndThePodium() {
        scores.scored(part(0, 0, 1, line(ADA, 1, 900, 900)));
        assertThat(scores.leaderboard(GAME)).get().satisfies(b -> {
            assertThat(b.questionIndex()).isZero();
            assertThat(b.players()).isEqualTo(2);
            assertThat(b.leaders()).extracting(Standing::nickname).containsExactly("Ada", "Bob");
        });
        assertThat(scores.podium(GAME)).isEmpty();

        scores.finalized(new GameFinalized(GAME, 2, 3, leaders(), T0));

        assertThat(scores.podium(GAME)).get().satisfies(p -> {
            assertThat(p.players()).isEqualTo(2);
            assertThat(p.questions()).isEqualTo(3);
            assertThat(p.podium()).extracting(Standing::playerId).containsExactly(ADA, BOB);
        });
    }

    @Test
    void forgetsAGameSomeTimeAfterItWasFinalized() {
        scores.scored(part(0, 0, 1, line(ADA, 1, 900, 900)));
        scores.finalized(new GameFinalized(GAME, 2, 1, leaders(), T0));

        clock.advance(LiveScores.KEEP_AFTER_END.minusSeconds(1));
        scores.forgetFinished();
        assertThat(scores.podium(GAME)).isPresent();
        assertThat(scores.score(GAME, ADA)).isPresent();

        clock.advance(Duration.ofSeconds(2));
        scores.forgetFinished();
        assertThat(scores.podium(GAME)).isEmpty();
        assertThat(scores.score(GAME, ADA)).isEmpty();
        assertThat(scores.leaderboard(GAME)).isEmpty();
    }

    @Test
    void forgetsAGameSomeTimeAfterItEndedOrItsFinalizationFailed() {
        String other = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";
        Game game = game();
        scores.scored(part(0, 0, 1, line(ADA, 1, 900, 900)));
        scores.scored(new QuestionScored(other, 0, 0, 1, 1, List.of(), List.of(line(ADA, 1, 5, 5)), T0));
        game.end(T0);
        scores.changed(game);
        scores.finalizationFailed(new GameFinalizationFailed(other, "FINALIZING_SCORES", "boom", 5, T0));

        clock.advance(LiveScores.KEEP_AFTER_END.plusSeconds(1));
        scores.forgetFinished();

        assertThat(scores.score(GAME, ADA)).isEmpty();
        assertThat(scores.score(other, ADA)).isEmpty();
    }

    @Test
    void aRunningGameIsKeptWhileItsScoresChangeAndForgottenOnceIdle() {
        scores.scored(part(0, 0, 1, line(ADA, 1, 900, 900)));
        clock.advance(LiveScores.KEEP_IDLE.minusMinutes(1));
        scores.scored(part(1, 0, 1, line(ADA, 1, 800, 1700)));
        clock.advance(LiveScores.KEEP_IDLE.minusMinutes(1));
        scores.forgetFinished();
        assertThat(scores.score(GAME, ADA).orElseThrow().total()).isEqualTo(1700);

        clock.advance(Duration.ofMinutes(2));
        scores.forgetFinished();
        assertThat(scores.score(GAME, ADA)).isEmpty();
    }

    @Test
    void theEndOfAGameWithoutScoresHereKeepsNothing() {
        Game game = game();
        game.end(T0);
        scores.changed(game);

        assertThat(scores.podium(GAME)).isEmpty();
        assertThat(scores.leaderboard(GAME)).isEmpty();
    }

    private static QuestionScored part(int questionIndex, int part, int parts, Line... lines) {
        return new QuestionScored(GAME, questionIndex, part, parts, 2, leaders(), List.of(lines), T0);
    }

    private static Line line(String playerId, int rank, int points, int total) {
        Ahead ahead = rank == 1 ? null : new Ahead(ADA.equals(playerId) ? "Bob" : "Ada", 1000);
        return new Line(playerId, rank, points, 0, total, points > 0, true, points > 0 ? 1 : 0, ahead);
    }

    private static List<Standing> leaders() {
        return List.of(new Standing(1, ADA, "Ada", 900, 1), new Standing(2, BOB, "Bob", 0, 0));
    }

    private static Game game() {
        Game game = Game.create(GAME, "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a", "host-1", new GamePin("123456"), List.of(
                new GameQuestion("q1", QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20, 1000,
                        List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of())),
                true, false, false, 100, T0);
        game.join(ADA, "Ada", T0);
        return game;
    }

    /** A clock the test moves by hand. */
    private static final class MovingClock extends Clock {
        private Instant now = T0;

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
