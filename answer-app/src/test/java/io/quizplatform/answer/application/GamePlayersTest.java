package io.quizplatform.answer.application;

import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.answer.domain.AnswerRepository;
import io.quizplatform.answer.domain.AnswerWindow;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.platform.persistence.InTransaction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one transaction knows of a game's players: read for a whole batch at once, kept right by the joins and kicks
 * of the same batch. answer_db is an in-memory stand-in of the repository port that records each call; the
 * transaction is one {@link InTransaction}, as JTA's scope gives each transaction its own.
 */
class GamePlayersTest {

    private static final UUID GAME = UUID.randomUUID();
    private static final UUID OTHER_GAME = UUID.randomUUID();
    private static final UUID ADA = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();
    private static final UUID CY = UUID.randomUUID();

    private final AnswerDb db = new AnswerDb();
    private final GamePlayers players = new GamePlayers();

    @BeforeEach
    void oneTransaction() {
        players.repository = db;
        players.inTransaction = new InTransaction();
    }

    @Test
    void aBatchsPlayersAreReadWithOneQueryEachForTheWholeBatch() {
        db.players.put(ADA, false);
        db.players.put(BOB, true);
        db.answered.add(ADA);

        players.answersComing(List.of(answer(ADA, 0), answer(BOB, 0), answer(CY, 0), answer(ADA, 0)));

        assertThat(db.calls).containsExactly("players", "answered");
        assertThat(players.membership(GAME, ADA)).contains(false);
        assertThat(players.membership(GAME, BOB)).as("removed by the host").contains(true);
        assertThat(players.membership(GAME, CY)).as("not a player of the game").isEmpty();
        assertThat(players.firstAnswer(GAME, 0, ADA)).as("Ada had answered already").isFalse();
        assertThat(players.firstAnswer(GAME, 0, CY)).isTrue();
        assertThat(players.firstAnswer(GAME, 0, CY)).as("a second answer in the same batch").isFalse();
        assertThat(db.calls).as("nothing read again per answer").containsExactly("players", "answered");
    }

    @Test
    void aBatchSpanningGamesIsReadWithOneQueryEachAndEachPlayerInTheirOwnGame() {
        UUID dee = UUID.randomUUID();
        db.players.put(ADA, false);
        db.players.put(dee, false);
        db.inOtherGame.add(dee);
        db.answered.add(dee);

        players.answersComing(List.of(answer(ADA, 0), answer(OTHER_GAME, dee, 0), answer(OTHER_GAME, ADA, 0)));

        assertThat(db.calls).containsExactly("players", "answered");
        assertThat(players.membership(GAME, ADA)).contains(false);
        assertThat(players.membership(OTHER_GAME, dee)).contains(false);
        assertThat(players.membership(OTHER_GAME, ADA)).as("Ada plays in the other game, not this one").isEmpty();
        assertThat(players.firstAnswer(OTHER_GAME, 0, dee)).as("Dee had answered already").isFalse();
        assertThat(players.firstAnswer(GAME, 0, ADA)).isTrue();
        assertThat(db.calls).as("nothing read again per answer").containsExactly("players", "answered");
    }

    @Test
    void joinsAreWrittenTogetherAndAPlayerReadAsAStrangerBecomesAPlayer() {
        players.answersComing(List.of(answer(CY, 0)));
        assertThat(players.membership(GAME, CY)).isEmpty();

        players.joined(GAME, CY);
        players.joined(GAME, BOB);
        assertThat(db.calls).doesNotContain("addPlayers");
        players.writeJoins();

        assertThat(db.added).containsExactly(List.of(CY, BOB));
        assertThat(players.membership(GAME, CY)).contains(false);
        players.writeJoins();
        assertThat(db.added).as("written once").hasSize(1);
    }

    @Test
    void aKickAfterAJoinInTheSameTransactionWritesTheJoinFirst() {
        players.joined(GAME, ADA);
        players.kicked(GAME, ADA);

        assertThat(db.calls).containsExactly("addPlayers", "kick");
        assertThat(players.membership(GAME, ADA)).contains(true);
    }

    @Test
    void aRedeliveredJoinOfARemovedPlayerKeepsThemRemoved() {
        db.players.put(BOB, true);
        players.answersComing(List.of(answer(BOB, 0)));

        players.joined(GAME, BOB);

        assertThat(players.membership(GAME, BOB)).contains(true);
    }

    @Test
    void anAnswerWhosePlayerIdIsNotAnIdIsLeftForTheDecisionToRefuse() {
        players.answersComing(List.of(new AnswerReceived(UUID.randomUUID().toString(), GAME.toString(), "not-an-id", 0,
                List.of("a"), null, Instant.now(), null)));

        assertThat(db.calls).as("nothing read for it, nothing noted for its game").isEmpty();
    }

    @Test
    void aPlayerTheBatchDidNotReadIsReadWhenAsked() {
        db.players.put(ADA, false);

        assertThat(players.membership(GAME, ADA)).contains(false);
        assertThat(players.firstAnswer(GAME, 1, ADA)).isTrue();

        assertThat(db.calls).containsExactly("players", "answered");
    }

    private static AnswerReceived answer(UUID player, int question) {
        return answer(GAME, player, question);
    }

    private static AnswerReceived answer(UUID game, UUID player, int question) {
        return new AnswerReceived(UUID.randomUUID().toString(), game.toString(), player.toString(), question,
                List.of("a"), null, Instant.now(), null);
    }

    /**
     * The games' players and who answered question 0, as answer_db would answer the port's queries. The port's
     * other methods (games, windows, keys, decisions) are never GamePlayers' business: a call to one fails the test.
     */
    private static final class AnswerDb implements AnswerRepository {
        final Map<UUID, Boolean> players = new HashMap<>();
        final Set<UUID> answered = new HashSet<>();
        /** The players of the other game; everyone else plays in GAME. */
        final Set<UUID> inOtherGame = new HashSet<>();

        UUID gameOf(UUID player) {
            return inOtherGame.contains(player) ? OTHER_GAME : GAME;
        }
        final List<String> calls = new ArrayList<>();
        final List<List<UUID>> added = new ArrayList<>();

        @Override
        public void addPlayers(Collection<GamePlayer> joining) {
            calls.add("addPlayers");
            added.add(joining.stream().map(GamePlayer::playerId).toList());
            joining.forEach(p -> players.putIfAbsent(p.playerId(), false));
        }

        @Override
        public void kick(UUID gameId, UUID playerId) {
            calls.add("kick");
            players.computeIfPresent(playerId, (id, kicked) -> true);
        }

        @Override
        public Map<GamePlayer, Boolean> players(Collection<GamePlayer> wanted) {
            calls.add("players");
            Map<GamePlayer, Boolean> found = new HashMap<>();
            wanted.stream().filter(p -> players.containsKey(p.playerId()) && gameOf(p.playerId()).equals(p.gameId()))
                    .forEach(p -> found.put(p, players.get(p.playerId())));
            return found;
        }

        @Override
        public Set<QuestionPlayer> answered(Collection<QuestionPlayer> places) {
            calls.add("answered");
            Set<QuestionPlayer> yes = new HashSet<>();
            places.stream().filter(p -> p.questionIndex() == 0 && answered.contains(p.playerId())
                    && gameOf(p.playerId()).equals(p.gameId())).forEach(yes::add);
            return yes;
        }

        @Override
        public Map<UUID, AnswerWindow> lockWindows(Collection<UUID> gameIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void createGame(UUID gameId, String hostId, Instant createdAt, List<AnswerKey> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Integer> opened(UUID gameId, int questionIndex, Instant openedAt, Instant closesAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Integer> closed(UUID gameId, int questionIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean tallyOnce(UUID gameId, int questionIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void ended(UUID gameId, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AnswerWindow> lockWindow(UUID gameId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<AnswerKey> key(UUID gameId, int questionIndex) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void refused(UUID answerId, UUID gameId, int questionIndex, String playerId, String reason, Instant receivedAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<GameQuestion, List<StoredAnswer>> answersTo(Collection<GameQuestion> questions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long eventVersion(UUID gameId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void eventVersion(UUID gameId, long version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void insertAnswers(List<NewAnswer> answers) {
            throw new UnsupportedOperationException();
        }
    }
}
