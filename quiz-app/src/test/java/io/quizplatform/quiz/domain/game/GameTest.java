package io.quizplatform.quiz.domain.game;

import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GameTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    static final List<GameQuestion> QUESTIONS = List.of(
            new GameQuestion("q-a", QuestionType.SINGLE_CHOICE, "2 + 2?", null, 20, 1000,
                    List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of()),
            new GameQuestion("q-b", QuestionType.TYPE_ANSWER, "Capital of France?", null, 10, 1000, List.of(), List.of("Paris")));

    private static Game lobby(boolean lateJoin, int maxPlayers) {
        Game game = Game.create("g1", "q1", "host", new GamePin("123456"), QUESTIONS, true, true, lateJoin, maxPlayers, T0);
        game.markCommitted();
        return game;
    }

    private static void assertRefused(Runnable command, String code) {
        assertThatThrownBy(command::run).isInstanceOf(GameRuleViolation.class)
                .satisfies(e -> assertThat(((GameRuleViolation) e).code()).isEqualTo(code));
    }

    @Test
    void anAnswerDependsOnTheOpeningAndThePlayersOwnJoinOnly() {
        Game game = Game.create("g1", "q1", "host", new GamePin("123456"), QUESTIONS, true, true, true, 100, T0);
        game.join("ada", "Ada", T0);
        game.join("bob", "Bob", T0);
        game.start(T0);
        assertThat(game.openIfDue(T0.plusSeconds(3))).isTrue();
        long opened = game.version();
        assertThat(game.versionAnAnswerDependsOn("ada")).isEqualTo(opened);

        game.join("grace", "Grace", T0.plusSeconds(4)); // a late joiner
        long graceJoined = game.version();
        game.kick("bob", T0.plusSeconds(5));
        assertThat(game.versionAnAnswerDependsOn("grace")).isEqualTo(graceJoined).isGreaterThan(opened);
        assertThat(game.versionAnAnswerDependsOn("ada")).as("others' joins and kicks change nothing for Ada").isEqualTo(opened);
        assertThat(Game.fromHistory(game.pendingEvents()).versionAnAnswerDependsOn("grace")).as("replayed").isEqualTo(graceJoined);
    }

    @Test
    void pinsAreSixDigits() {
        for (int i = 0; i < 1000; i++) {
            assertThat(GamePin.random().value()).matches("[1-9]\\d{5}");
        }
        assertThatThrownBy(() -> new GamePin("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GamePin("12345a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(GamePin.isWellFormed("012345")).isTrue();
    }

    @Test
    void nicknamesAreShortPlainAndUniqueIgnoringCaseAndAccents() {
        Game game = lobby(false, 100);
        assertThat(game.join("p1", "  Zoë   Smith ", T0).nickname()).isEqualTo("Zoë Smith");
        assertRefused(() -> game.join("p2", "zoe smith", T0), "nickname-taken");
        assertRefused(() -> game.join("p2", "<script>alert(1)</script>", T0), "nickname-invalid");
        assertRefused(() -> game.join("p2", "x".repeat(21), T0), "nickname-invalid");
        assertRefused(() -> game.join("p2", "   ", T0), "nickname-invalid");
        assertRefused(() -> game.join("p2", "-dash", T0), "nickname-invalid");
        assertThat(game.join("p2", "Zoe_2", T0).nickname()).isEqualTo("Zoe_2");
        assertThat(game.activePlayerCount()).isEqualTo(2);
    }

    @Test
    void nicknamesThatLookTheSameAreTakenAndControlCharactersAreRefusedNotRewritten() {
        Game game = lobby(false, 100);
        game.join("p1", "Ada", T0);
        assertRefused(() -> game.join("p2", "\uFF21\uFF44\uFF41", T0), "nickname-taken"); // fullwidth Ａｄａ
        assertRefused(() -> game.join("p2", "\uD835\uDC00\uD835\uDC1D\uD835\uDC1A", T0), "nickname-taken"); // bold 𝐀𝐝𝐚
        game.join("p3", "Straße", T0);
        assertRefused(() -> game.join("p4", "STRASSE", T0), "nickname-taken");
        for (String control : new String[]{"Ada\tX", "Ada\nX", "\u001FBea", "Bea\r", "Bea\u0085X"}) {
            assertRefused(() -> game.join("p5", control, T0), "nickname-invalid");
        }
        assertThat(game.join("p5", " Bea  X ", T0).nickname()).as("spaces are still tidied").isEqualTo("Bea X");
        assertThat(game.activePlayerCount()).isEqualTo(3);
    }

    @Test
    void aKickedPlayersNicknameIsFreeAgain() {
        Game game = lobby(false, 100);
        game.join("p1", "Ada", T0);
        game.kick("p1", T0);
        assertThat(game.player("p1")).get().extracting(Game.Player::kicked).isEqualTo(true);
        assertRefused(() -> game.kick("p1", T0), "no-such-player");
        assertThat(game.join("p2", "ada", T0).nickname()).isEqualTo("ada");
    }

    @Test
    void joiningAfterTheStartNeedsTheHostsPermissionAndNeverAfterTheEnd() {
        Game strict = lobby(false, 100);
        strict.start(T0);
        assertRefused(() -> strict.join("p1", "Late", T0), "game-started");

        Game relaxed = lobby(true, 100);
        relaxed.start(T0);
        assertThat(relaxed.join("p1", "Late", T0).nickname()).isEqualTo("Late");
        relaxed.end(T0);
        assertRefused(() -> relaxed.join("p2", "Later", T0), "game-ended");
    }

    @Test
    void theLobbyHasACap() {
        Game game = lobby(false, 2);
        game.join("p1", "One", T0);
        game.join("p2", "Two", T0);
        assertRefused(() -> game.join("p3", "Three", T0), "game-full");
    }

    @Test
    void aWholeGameRunsQuestionByQuestion() {
        Game game = lobby(false, 100);
        game.join("p1", "Ada", T0);
        game.start(T0);
        assertThat(game.phase()).isEqualTo(GamePhase.PREVIEW);
        assertThat(game.questionIndex()).isZero();

        assertThat(game.openIfDue(T0.plusSeconds(1))).isFalse();
        assertThat(game.openIfDue(T0.plusSeconds(3))).isTrue();
        assertThat(game.phase()).isEqualTo(GamePhase.OPEN);
        assertThat(game.closesAt()).isEqualTo(T0.plusSeconds(23));
        assertThat(game.secondsLeft(T0.plusSeconds(13))).isEqualTo(10);

        assertThat(game.closeIfDue(T0.plusSeconds(22))).isFalse();
        assertThat(game.closeIfDue(T0.plusSeconds(23))).isTrue();
        assertThat(game.closeIfDue(T0.plusSeconds(24))).as("a second timer firing does nothing").isFalse();
        assertThat(game.phase()).isEqualTo(GamePhase.CLOSED);

        game.next(T0.plusSeconds(30));
        assertThat(game.questionIndex()).isEqualTo(1);
        game.openIfDue(T0.plusSeconds(33));
        assertThat(game.closeBecauseAllAnswered(T0.plusSeconds(35))).isTrue();
        game.next(T0.plusSeconds(40));
        assertThat(game.phase()).isEqualTo(GamePhase.ENDED);
        assertThat(game.pendingEvents().get(game.pendingEvents().size() - 1))
                .isEqualTo(new GameEvent.GameEnded(GameEvent.EndReason.COMPLETED, T0.plusSeconds(40)));
    }

    @Test
    void hostControlsRespectThePhase() {
        Game game = lobby(false, 100);
        assertRefused(() -> game.next(T0), "not-started");
        assertRefused(() -> game.skip(T0), "nothing-to-skip");
        game.start(T0);
        assertRefused(() -> game.start(T0), "not-in-lobby");
        assertRefused(() -> game.next(T0), "question-not-closed");
        game.skip(T0.plusSeconds(1));
        assertThat(game.phase()).isEqualTo(GamePhase.CLOSED);
        assertThat(game.openIfDue(T0.plusSeconds(10))).as("a skipped preview never opens").isFalse();
        game.end(T0.plusSeconds(2));
        assertRefused(() -> game.end(T0), "game-ended");
    }

    @Test
    void theServerEndsAGameItsHostLeftWhateverItsPhaseOnce() {
        Game inLobby = lobby(false, 100);
        assertThat(inLobby.endIdle(T0.plusSeconds(7200))).isTrue();
        assertThat(inLobby.phase()).isEqualTo(GamePhase.ENDED);
        assertThat(inLobby.pendingEvents()).last()
                .isEqualTo(new GameEvent.GameEnded(GameEvent.EndReason.IDLE, T0.plusSeconds(7200)));

        Game waitingForNext = Game.create("g2", "q1", "host", new GamePin("654321"), QUESTIONS, true, true, false, 100, T0);
        waitingForNext.join("p1", "Ada", T0);
        waitingForNext.start(T0);
        waitingForNext.skip(T0.plusSeconds(1));
        assertThat(waitingForNext.endIdle(T0.plusSeconds(7201))).isTrue();
        assertThat(waitingForNext.endIdle(T0.plusSeconds(7300))).as("ended already").isFalse();
        assertThat(Game.fromHistory(waitingForNext.pendingEvents()).phase()).isEqualTo(GamePhase.ENDED);
    }

    @Test
    void aGameIsNotEndedForBeingIdleWhileItsClockHasAMoveToMake() {
        Game game = Game.create("g1", "q1", "host", new GamePin("123456"), QUESTIONS, true, true, false, 100, T0);
        game.join("p1", "Ada", T0);
        game.start(T0);
        assertThat(game.endIdle(T0.plusSeconds(1))).as("the question about to open").isFalse();
        game.openIfDue(T0.plusSeconds(3));
        assertThat(game.endIdle(T0.plusSeconds(22))).as("the question open until its limit").isFalse();
        assertThat(game.phase()).isEqualTo(GamePhase.OPEN);
        assertThat(game.endIdle(T0.plusSeconds(23))).as("its limit passed: the clock's close is overdue").isTrue();
        assertThat(game.phase()).isEqualTo(GamePhase.ENDED);
    }

    @Test
    void replayRestoresTheRunningQuestionAndItsClock() {
        Game game = Game.create("g1", "q1", "host", new GamePin("123456"), QUESTIONS, true, true, false, 100, T0);
        game.join("p1", "Ada", T0);
        game.start(T0);
        game.openIfDue(T0.plusSeconds(3));

        Game restarted = Game.fromHistory(game.pendingEvents());

        assertThat(restarted.phase()).isEqualTo(GamePhase.OPEN);
        assertThat(restarted.closesAt()).isEqualTo(T0.plusSeconds(23));
        assertThat(restarted.player("p1")).isPresent();
        assertThat(restarted.version()).isEqualTo(game.version()).isEqualTo(5);
        // The instance that replays after a restart closes the question when its time has passed meanwhile.
        assertThat(restarted.closeIfDue(T0.plusSeconds(60))).isTrue();
    }

    @Test
    void aGameNeedsQuestions() {
        assertRefused(() -> Game.create("g", "q", "h", GamePin.random(), List.of(), true, true, false, 10, T0), "quiz-empty");
    }

    @Test
    void answersAreCheckedAgainstTheOpenQuestionAndItsShape() {
        Game game = lobby(false, 10);
        game.join("p1", "Ada", T0);
        game.join("p2", "Bob", T0);
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("a"), null, T0), "question-not-open");
        game.start(T0);
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("a"), null, T0), "question-not-open");
        game.openIfDue(T0.plusSeconds(3));

        game.checkAnswer("p1", 0, List.of("a"), null, T0.plusSeconds(4));
        assertRefused(() -> game.checkAnswer("nobody", 0, List.of("a"), null, T0.plusSeconds(4)), "not-a-player");
        assertRefused(() -> game.checkAnswer("p1", 1, null, "Paris", T0.plusSeconds(4)), "question-not-open");
        assertRefused(() -> game.checkAnswer("p1", 7, List.of("a"), null, T0.plusSeconds(4)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("a", "b"), null, T0.plusSeconds(4)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("zz"), null, T0.plusSeconds(4)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 0, List.of(), null, T0.plusSeconds(4)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 0, null, "4", T0.plusSeconds(4)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("a"), null, T0.plusSeconds(23)), "too-late");

        game.kick("p2", T0.plusSeconds(5));
        assertRefused(() -> game.checkAnswer("p2", 0, List.of("a"), null, T0.plusSeconds(5)), "kicked");

        game.closeBecauseAllAnswered(T0.plusSeconds(6));
        assertThat(game.closeReason()).contains(GameEvent.CloseReason.ALL_ANSWERED);
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("a"), null, T0.plusSeconds(6)), "question-closed");

        game.next(T0.plusSeconds(7));
        game.openIfDue(T0.plusSeconds(10));
        game.checkAnswer("p1", 1, null, "paris", T0.plusSeconds(11));
        assertRefused(() -> game.checkAnswer("p1", 1, null, " ", T0.plusSeconds(11)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 1, null, "x".repeat(101), T0.plusSeconds(11)), "invalid-answer");
        assertRefused(() -> game.checkAnswer("p1", 0, List.of("a"), null, T0.plusSeconds(11)), "question-closed");
    }

    @Test
    void theGamePlaysItsOwnCopyOfTheQuestions() {
        Game game = Game.fromHistory(lobbyHistory());
        assertThat(game.question(1)).get().extracting(GameQuestion::acceptedAnswers).isEqualTo(List.of("Paris"));
        assertThat(game.question(2)).isEmpty();
        assertThat(game.questionCount()).isEqualTo(2);
    }

    private static List<GameEvent> lobbyHistory() {
        Game game = Game.create("g1", "q1", "host", new GamePin("123456"), QUESTIONS, true, false, false, 10, T0);
        return game.pendingEvents();
    }

    @Test
    void aCopyIsTheSameGameAndACommandOnItChangesOnlyTheCopy() {
        Game game = lobby(false, 100);
        game.join("p1", "Ada", T0);
        game.join("p2", "Bo", T0);
        game.kick("p2", T0);
        game.markCommitted();

        Game copy = game.copy();
        copy.join("p3", "Cy", T0);
        assertRefused(() -> copy.join("p4", "ada", T0), "nickname-taken");
        copy.start(T0);

        assertThat(game.phase()).isEqualTo(GamePhase.LOBBY);
        assertThat(game.activePlayerCount()).isEqualTo(1);
        assertThat(game.player("p3")).isEmpty();
        assertThat(game.version()).isEqualTo(4);
        assertThat(copy.phase()).isEqualTo(GamePhase.PREVIEW);
        assertThat(copy.activePlayerCount()).isEqualTo(2);
        assertThat(copy.expectedVersion()).isEqualTo(4);
        assertThatThrownBy(copy::copy).as("uncommitted events are not copied").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLargeClassJoiningInGroupsThroughCopiesIsTheSameGameAsItsHistoryAndEarlierCopiesStayAsTheyWere() {
        // As the server runs it: each group of joins is a command on a copy of the last committed state, which every
        // reader shares; hundreds of players take the roster past its folds (Roster.FOLD_AT).
        Game committed = lobby(false, 2000);
        List<GameEvent> history = new java.util.ArrayList<>(lobbyHistory(2000));
        List<Game> earlier = new java.util.ArrayList<>();
        for (int group = 0; group < 100; group++) {
            Game command = committed.copy();
            for (int i = 0; i < 7; i++) {
                int n = group * 7 + i;
                command.join("p" + n, "Player " + n, T0);
            }
            if (group % 10 == 9) {
                command.kick("p" + (group * 7), T0); // frees "Player <n>" for the next group's first joiner
                command.join("r" + group, "player " + (group * 7), T0);
            }
            history.addAll(command.pendingEvents());
            command.markCommitted();
            earlier.add(committed);
            committed = command;
        }

        Game whole = Game.fromHistory(history);
        assertThat(committed.players()).isEqualTo(whole.players()).hasSize(710);
        assertThat(committed.players().get(63)).usingRecursiveComparison().ignoringFields("joinedInVersion")
                .isEqualTo(new Game.Player("p63", "Player 63", true, 0));
        assertThat(committed.activePlayerCount()).isEqualTo(whole.activePlayerCount()).isEqualTo(700);
        assertThat(committed.kickedPlayerIds()).containsExactlyInAnyOrderElementsOf(whole.kickedPlayerIds()).hasSize(10);
        Game last = committed.copy();
        assertRefused(() -> last.join("x", "PLAYER 699", T0), "nickname-taken");
        assertRefused(() -> last.join("x", "Player 1", T0), "nickname-taken");
        assertRefused(() -> last.join("x", "player 63", T0), "nickname-taken"); // taken again by r9
        assertThat(last.join("x", "Player 700", T0).nickname()).isEqualTo("Player 700");

        Game fiftieth = earlier.get(50); // 50 groups in: 350 players, five kicked and replaced
        assertThat(fiftieth.players()).hasSize(355);
        assertThat(fiftieth.player("p400")).isEmpty();
        assertThat(fiftieth.activePlayerCount()).isEqualTo(350);
        assertThat(fiftieth.copy().join("y", "Player 400", T0).nickname()).isEqualTo("Player 400");
    }

    private static List<GameEvent> lobbyHistory(int maxPlayers) {
        return Game.create("g1", "q1", "host", new GamePin("123456"), QUESTIONS, true, true, false, maxPlayers, T0).pendingEvents();
    }

    @Test
    void aCopyWithTheLaterEventsReplayedEqualsTheWholeHistoryReplayed() {
        Game game = lobby(false, 100);
        List<GameEvent> history = new java.util.ArrayList<>(List.of(new GameEvent.GameCreated("g1", "q1", "host", "123456",
                List.of(20, 10), QUESTIONS, true, true, false, 100, T0)));
        Game snapshot = game.copy();
        game.join("p1", "Ada", T0);
        game.join("p2", "Bo", T0);
        game.kick("p1", T0);
        game.start(T0);
        game.openIfDue(T0.plus(Game.PREVIEW));
        List<GameEvent> later = game.pendingEvents();
        history.addAll(later);
        game.markCommitted();

        snapshot.replay(later);
        Game whole = Game.fromHistory(history);
        for (Game replayed : List.of(snapshot, whole)) {
            assertThat(replayed.phase()).isEqualTo(GamePhase.OPEN);
            assertThat(replayed.version()).isEqualTo(game.version());
            assertThat(replayed.activePlayerCount()).isEqualTo(1);
            assertThat(replayed.players()).isEqualTo(game.players());
            assertThat(replayed.closesAt()).isEqualTo(game.closesAt());
        }
    }
}
