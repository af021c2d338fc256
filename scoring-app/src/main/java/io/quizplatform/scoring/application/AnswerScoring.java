package io.quizplatform.scoring.application;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.persistence.AfterCommit;
import io.quizplatform.platform.persistence.InTransaction;
import io.quizplatform.platform.tracing.Tracing;
import io.quizplatform.scoring.domain.AnswerScore;
import io.quizplatform.scoring.domain.BoardRow;
import io.quizplatform.scoring.domain.BoardStore;
import io.quizplatform.scoring.domain.FinalizationStore;
import io.quizplatform.scoring.domain.GameRules;
import io.quizplatform.scoring.domain.PlayerRow;
import io.quizplatform.scoring.domain.Ranking;
import io.quizplatform.scoring.domain.ScoreStore;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Scores accepted answers and, when answer-app has tallied a question (its tally follows every decision on that
 * question in the game's partition), publishes the board: each player's line and the top 10, in parts.
 *
 * <p>Answers of one consumer batch are scored together: one read of the players concerned, one write of their new
 * scores, one insert of the scored answers. Everything happens in the transaction that marks the events processed,
 * so a redelivered event changes nothing; an answer at or below a player's last scored question is either scored
 * already (skipped) or late, replayed from the dead-letter topic (scored, and the player's later bonuses redone).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnswerScoring {

    private static final Logger LOG = Logger.getLogger(AnswerScoring.class.getName());

    @Inject
    ScoreStore repository;

    @Inject
    BoardStore boards;

    @Inject
    ScoreEvents events;

    @Inject
    Leaderboards leaderboards;

    @Inject
    FinalizationStore finalizations;

    @Inject
    Reports reports;

    @Inject
    ScoringMetrics metrics;

    @Inject
    InTransaction inTransaction;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    Tracing tracing;

    /** What this transaction knows of each game: read once per batch, never kept past it (rolled back with it). */
    private static final class GameInTransaction {
        Optional<GameRules> rules;
        boolean locked;
        final List<AnswerSubmitted> pending = new ArrayList<>();
        /** A tally whose board goes out at the end of the batch, after the batch's answers (or before the game's next one). */
        QuestionTallied tallyDue;
        /** The trace of the tally's event, which the board continues. */
        Consumer<Runnable> inTallysTrace;
    }

    private Map<UUID, GameInTransaction> games() {
        return inTransaction.kept(GameInTransaction.class, LinkedHashMap::new);
    }

    private GameInTransaction game(UUID gameId) {
        return games().computeIfAbsent(gameId, id -> new GameInTransaction());
    }

    /** The rules of a game, empty if scoring-app has not seen it created yet. */
    public Optional<GameRules> rules(UUID gameId) {
        GameInTransaction game = game(gameId);
        if (game.rules == null || game.rules.isEmpty()) {
            game.rules = repository.rules(gameId);
        }
        return game.rules;
    }

    /**
     * Scoring of one game runs under its lock: the live consumer, a replay from the dead-letter topic and another
     * instance never read and write the same players' scores at once.
     */
    private void lock(UUID gameId) {
        GameInTransaction game = game(gameId);
        if (!game.locked) {
            repository.lockGame(gameId);
            game.locked = true;
        }
    }

    /**
     * Locks the games a batch is about, all in one statement in key order, before it touches any of their rows. Both
     * scoring lanes (answer-events and quiz-events) start their batches with this: locked one by one as they came, a
     * batch ending games X and Y and one publishing Y's board then X's took the games' rows in opposite orders and
     * PostgreSQL aborted one of them (2-3 times in a series of 500 games at once, 2026-12-05).
     */
    public void lockGames(Collection<UUID> gameIds) {
        List<UUID> unlocked = gameIds.stream().distinct().filter(id -> !game(id).locked).toList();
        repository.lockGames(unlocked);
        unlocked.forEach(id -> game(id).locked = true);
    }

    /**
     * The games a batch of answer events is about: locked ({@link #lockGames}), then their rules read for all of them
     * at once (one game at a time was a fifth of scoring-app's time in 500 games at once, 2026-12-05).
     */
    public void gamesComing(Collection<UUID> gameIds) {
        lockGames(gameIds);
        List<UUID> unread = gameIds.stream().distinct().filter(id -> {
            GameInTransaction game = game(id);
            return game.rules == null || game.rules.isEmpty();
        }).toList();
        if (!unread.isEmpty()) {
            Map<UUID, GameRules> read = repository.rules(unread);
            unread.forEach(id -> game(id).rules = Optional.ofNullable(read.get(id)));
        }
    }

    /** Collected, scored with the rest of the batch at its end (or before a tally of the same game). */
    public void answerAccepted(AnswerSubmitted answer) {
        UUID gameId = UUID.fromString(answer.gameId());
        publishBoardDue(gameId); // the board of the question before: without this answer
        game(gameId).pending.add(answer);
    }

    /**
     * The batch's answers are scored, for all its games with one statement each: the games locked, their players read,
     * the new scores written (a game with a late answer, or already completed, writes its own at once: what follows
     * reads them back). Then the boards of the batch's tallies go out.
     */
    public void endOfBatch() {
        scorePending();
        List<UUID> boardsDue = games().entrySet().stream().filter(e -> e.getValue().tallyDue != null).map(Map.Entry::getKey).toList();
        boardsDue.forEach(this::publishBoardDue);
    }

    private void scorePending() {
        Map<UUID, GameInTransaction> games = games();
        List<UUID> scoring = games.entrySet().stream().filter(e -> !e.getValue().pending.isEmpty()).map(Map.Entry::getKey).toList();
        if (scoring.isEmpty()) {
            return;
        }
        repository.lockGames(scoring.stream().filter(id -> !games.get(id).locked).toList());
        Map<UUID, Set<String>> playerIds = new LinkedHashMap<>();
        for (UUID gameId : scoring) {
            GameInTransaction game = games.get(gameId);
            game.locked = true;
            game.pending.forEach(a -> playerIds.computeIfAbsent(gameId, id -> new LinkedHashSet<>()).add(a.playerId()));
        }
        Map<UUID, Map<String, PlayerRow>> players = repository.players(playerIds);
        List<ScoreStore.GameScores> scores = new ArrayList<>();
        for (UUID gameId : scoring) {
            score(gameId, games.get(gameId), players.get(gameId), scores);
        }
        repository.saveScores(scores);
    }

    private void flush(UUID gameId) {
        score(gameId, game(gameId), null, null);
    }

    /**
     * Scores the game's pending answers. {@code players}: read already for the batch (null: read now); {@code later}:
     * where the new scores wait to be written with the other games' (null: written now).
     */
    private void score(UUID gameId, GameInTransaction inTransaction, Map<String, PlayerRow> players,
                       List<ScoreStore.GameScores> later) {
        if (inTransaction.pending.isEmpty()) {
            return;
        }
        List<AnswerSubmitted> answers = new ArrayList<>(inTransaction.pending);
        inTransaction.pending.clear();
        lock(gameId);
        GameRules game = rules(gameId).orElseThrow(() -> new IllegalStateException("game " + gameId + " is not known to scoring"));
        if (players == null) {
            Set<String> ids = new LinkedHashSet<>();
            answers.forEach(a -> ids.add(a.playerId()));
            players = repository.players(gameId, ids);
        }
        Map<String, PlayerRow> changed = new HashMap<>();
        Set<String> lateAnswerers = new LinkedHashSet<>();
        List<ScoreStore.ScoredAnswer> scored = new ArrayList<>(answers.size());
        for (AnswerSubmitted a : answers) {
            if (a.questionIndex() < 0 || a.questionIndex() >= game.counting().size()) {
                throw new IllegalArgumentException("question " + a.questionIndex() + " is not a question of game " + gameId);
            }
            PlayerRow player = players.get(a.playerId());
            AnswerScore score = AnswerScore.of(new AnswerScore.Answer(a.questionIndex(), a.points(), a.correct(),
                            a.correctChosen(), a.wrongChosen(), a.correctTotal(), a.responseMs(), a.timeLimitSeconds()),
                    player.streak, game.previousCounting(a.questionIndex()), game.speedScoring(), game.streakBonus());
            if (a.questionIndex() <= player.lastQuestion) {
                // Answers come question by question, so this is either scored already (a redelivery, a second
                // publication) or one that arrives late (replayed from the dead-letter topic after later ones).
                if (repository.isScored(gameId, a.questionIndex(), a.playerId())
                        || scored.stream().anyMatch(s -> s.questionIndex() == a.questionIndex() && s.playerId().equals(a.playerId()))) {
                    continue;
                }
                lateAnswerers.add(a.playerId());
            } else {
                player.streak = score.streak();
                player.lastQuestion = a.questionIndex();
            }
            player.total += score.total();
            player.answered++;
            player.totalResponseMs += a.responseMs();
            if (Boolean.TRUE.equals(a.correct())) {
                player.correctAnswers++;
            }
            changed.put(player.playerId, player);
            scored.add(new ScoreStore.ScoredAnswer(gameId, a.questionIndex(), a.playerId(), UUID.fromString(a.answerId()),
                    score.points(), score.bonus(), a.correct(), a.responseMs()));
        }
        metrics.answersScored(scored.size(), lateAnswerers.size());
        // Written now when what follows reads them back: a late answer's rescoring, an ended game's ranks and report.
        if (later != null && lateAnswerers.isEmpty() && (game.playing() || scored.isEmpty())) {
            later.add(new ScoreStore.GameScores(gameId, changed.values(), scored));
            return;
        }
        repository.saveScores(gameId, changed.values(), scored);
        for (String playerId : lateAnswerers) {
            rescore(gameId, game, playerId);
        }
        if (!scored.isEmpty() && !game.playing()) {
            if (game.completed() || reports.built(gameId)) {
                // A late answer to a game whose report was built (completed, being announced, or given up on after
                // the report; the completion builds it under the game's lock, held here too): its ranks and report
                // follow (no second game.finalized). Before the report, the completion's report step reads it.
                finalizations.finalRanks(gameId);
                reports.build(gameId);
            }
            AfterCommit.run(transaction, () -> leaderboards.boardStale(gameId));
        }
    }

    /** A late answer changes the streak bonus of the player's answers after it: all of them are scored again. */
    private void rescore(UUID gameId, GameRules game, String playerId) {
        List<ScoreStore.StoredAnswer> stored = repository.scoredAnswers(gameId, playerId);
        AnswerScore.Rescored rescored = AnswerScore.rescore(stored.stream()
                .map(a -> new AnswerScore.Stored(a.questionIndex(), a.correct(), game.counting().get(a.questionIndex())))
                .toList(), game::previousCounting, game.streakBonus());
        repository.rescored(gameId, playerId, stored, rescored.bonuses(), rescored.streak());
    }

    /**
     * Every answer to the question is decided: once they are scored, the board goes out. That is at the end of the
     * batch, when the game's answers are scored with the other games' (scored at once for the tally, one game at a
     * time, they were written with a statement per game when 500 games closed a question together, 2026-12-05), or
     * before the batch goes on with the game's next answer or tally.
     */
    public void questionTallied(QuestionTallied tally) {
        UUID gameId = UUID.fromString(tally.gameId());
        publishBoardDue(gameId);
        GameInTransaction inTransaction = game(gameId);
        inTransaction.tallyDue = tally;
        inTransaction.inTallysTrace = tracing.resumable();
    }

    private void publishBoardDue(UUID gameId) {
        GameInTransaction inTransaction = games().get(gameId);
        if (inTransaction != null && inTransaction.tallyDue != null) {
            QuestionTallied tally = inTransaction.tallyDue;
            inTransaction.tallyDue = null;
            inTransaction.inTallysTrace.accept(() -> publishBoard(gameId, tally));
        }
    }

    private void publishBoard(UUID gameId, QuestionTallied tally) {
        lock(gameId);
        flush(gameId);
        GameRules game = rules(gameId).orElseThrow(() -> new IllegalStateException("game " + gameId + " is not known to scoring"));
        repository.tallied(gameId, tally.questionIndex(), tally.answered(), tally.correct(),
                EventCodec.payloadToJson(tally.distribution() == null ? List.of() : tally.distribution()),
                EventCodec.payloadToJson(tally.textAnswers() == null ? List.of() : tally.textAnswers()), tally.closedAt());
        // The last missing tally, later than the game's completion would wait for it (Kafka or answer-app away for
        // longer): the game is completed now, without an operator's retry. (Not for a tally that leaves others missing:
        // the completion would only give up again.)
        if (game.finished() && finalizations.questionsNotScored(gameId) == 0
                && finalizations.restartIfGaveUpAt(gameId, FinalizationSteps.Step.AWAITING_SCORES.name())) {
            LOG.info(() -> "game " + gameId + ": question " + tally.questionIndex() + " tallied after its completion gave up"
                    + " waiting; completing it again");
        }
        // PostgreSQL sorts already; the domain's rule has the last word on the order every player is told.
        List<BoardRow> board = Ranking.sorted(boards.board(gameId, tally.questionIndex()));
        int lastCounting = game.lastCountingThrough(tally.questionIndex());
        List<Standing> leaders = Leaderboards.standings(board, QuestionScored.LEADERS);
        List<QuestionScored.Line> lines = new ArrayList<>(board.size());
        for (int i = 0; i < board.size(); i++) {
            BoardRow row = board.get(i);
            BoardRow above = i == 0 ? null : board.get(i - 1);
            lines.add(new QuestionScored.Line(row.playerId(), i + 1, row.points() + row.bonus(), row.bonus(), row.total(),
                    row.answered() ? row.correct() : null, row.answered(), row.streak().shownAfter(lastCounting),
                    above == null ? null : new QuestionScored.Ahead(Leaderboards.nickname(above), above.total())));
        }
        int parts = Math.max(1, (lines.size() + QuestionScored.MAX_LINES_PER_PART - 1) / QuestionScored.MAX_LINES_PER_PART);
        Instant now = Instant.now();
        List<QuestionScored> scoredParts = new ArrayList<>(parts);
        for (int part = 0; part < parts; part++) {
            List<QuestionScored.Line> slice = lines.subList(part * QuestionScored.MAX_LINES_PER_PART,
                    Math.min(lines.size(), (part + 1) * QuestionScored.MAX_LINES_PER_PART));
            scoredParts.add(new QuestionScored(gameId.toString(), tally.questionIndex(), part, parts, board.size(), leaders,
                    new ArrayList<>(slice), now));
        }
        events.publishAll(gameId, EventTypes.SCORE_QUESTION_SCORED, scoredParts);
        metrics.boardPublished();
        // The fast copy follows the committed one, never leads it.
        AfterCommit.run(transaction, () -> leaderboards.boardChanged(gameId, board));
    }
}
