package io.quizplatform.scoring.application;

import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.Outbox;
import io.quizplatform.platform.persistence.AfterCommit;
import io.quizplatform.scoring.domain.AnswerScore;
import io.quizplatform.scoring.domain.Ranking;
import io.quizplatform.scoring.infrastructure.ScoringRepository;
import io.quizplatform.scoring.infrastructure.ScoringRepository.BoardRow;
import io.quizplatform.scoring.infrastructure.ScoringRepository.GameRules;
import io.quizplatform.scoring.infrastructure.ScoringRepository.PlayerRow;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scores accepted answers and, when answer-app has tallied a question (its tally follows every decision on that
 * question in the game's partition), publishes the board: each player's line and the top 10, in parts.
 *
 * <p>Answers of one consumer batch are scored together: one read of the players concerned, one write of their new
 * scores, one insert of the scored answers. Everything happens in the transaction that marks the events processed,
 * so a redelivered event changes nothing, and an answer at or below a player's last scored question is skipped.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnswerScoring {

    private static final String AGGREGATE = "score";

    @Inject
    ScoringRepository repository;

    @Inject
    Outbox outbox;

    @Inject
    Leaderboards leaderboards;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /** Rules never change once a game exists: each instance reads them once. */
    private final Map<UUID, GameRules> rules = new ConcurrentHashMap<>();

    /** The rules of a game, empty if scoring-app has not seen it created yet. */
    public Optional<GameRules> rules(UUID gameId) {
        GameRules known = rules.get(gameId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<GameRules> read = repository.rules(gameId);
        read.ifPresent(r -> rules.put(gameId, r));
        return read;
    }

    /** After the game's completion (outside any transaction): its rules are read again if ever needed. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public void forget(UUID gameId) {
        rules.remove(gameId);
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, List<AnswerSubmitted>> pending() {
        Map<UUID, List<AnswerSubmitted>> pending = (Map<UUID, List<AnswerSubmitted>>) transaction.getResource(AnswerScoring.class);
        if (pending == null) {
            pending = new LinkedHashMap<>();
            transaction.putResource(AnswerScoring.class, pending);
        }
        return pending;
    }

    /** Collected, scored with the rest of the batch at its end (or before a tally of the same game). */
    public void answerAccepted(AnswerSubmitted answer) {
        pending().computeIfAbsent(UUID.fromString(answer.gameId()), g -> new ArrayList<>()).add(answer);
    }

    public void endOfBatch() {
        Map<UUID, List<AnswerSubmitted>> pending = pending();
        pending.forEach(this::score);
        pending.clear();
    }

    private void flush(UUID gameId) {
        List<AnswerSubmitted> answers = pending().remove(gameId);
        if (answers != null) {
            score(gameId, answers);
        }
    }

    private void score(UUID gameId, List<AnswerSubmitted> answers) {
        if (answers.isEmpty()) {
            return;
        }
        GameRules game = rules(gameId).orElseThrow(() -> new IllegalStateException("game " + gameId + " is not known to scoring"));
        Set<String> ids = new LinkedHashSet<>();
        answers.forEach(a -> ids.add(a.playerId()));
        Map<String, PlayerRow> players = repository.players(gameId, ids);
        Map<String, PlayerRow> changed = new HashMap<>();
        List<ScoringRepository.ScoredAnswer> scored = new ArrayList<>(answers.size());
        for (AnswerSubmitted a : answers) {
            if (a.questionIndex() < 0 || a.questionIndex() >= game.counting().size()) {
                throw new IllegalArgumentException("question " + a.questionIndex() + " is not a question of game " + gameId);
            }
            PlayerRow player = players.get(a.playerId());
            if (a.questionIndex() <= player.lastQuestion) {
                continue; // scored already: a replay or a second publication of the same decision
            }
            AnswerScore score = AnswerScore.of(new AnswerScore.Answer(a.questionIndex(), a.points(), a.correct(),
                            a.correctChosen(), a.wrongChosen(), a.correctTotal(), a.responseMs(), a.timeLimitSeconds()),
                    player.streak, game.previousCounting(a.questionIndex()), game.speedScoring(), game.streakBonus());
            player.total += score.total();
            player.answered++;
            player.totalResponseMs += a.responseMs();
            if (Boolean.TRUE.equals(a.correct())) {
                player.correctAnswers++;
            }
            player.streak = score.streak();
            player.lastQuestion = a.questionIndex();
            changed.put(player.playerId, player);
            scored.add(new ScoringRepository.ScoredAnswer(gameId, a.questionIndex(), a.playerId(), UUID.fromString(a.answerId()),
                    score.points(), score.bonus(), a.correct(), a.responseMs()));
        }
        repository.saveScores(gameId, changed.values(), scored);
    }

    /** Every answer to the question is decided and, with this, scored: the board goes out. */
    public void questionTallied(QuestionTallied tally) {
        UUID gameId = UUID.fromString(tally.gameId());
        flush(gameId);
        GameRules game = rules(gameId).orElseThrow(() -> new IllegalStateException("game " + gameId + " is not known to scoring"));
        repository.tallied(gameId, tally.questionIndex(), tally.answered(), tally.correct(),
                EventCodec.payloadToJson(tally.distribution() == null ? List.of() : tally.distribution()),
                EventCodec.payloadToJson(tally.textAnswers() == null ? List.of() : tally.textAnswers()), tally.closedAt());
        // PostgreSQL sorts already; the domain's rule has the last word on the order every player is told.
        List<BoardRow> board = Ranking.sorted(repository.board(gameId, tally.questionIndex()));
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
        for (int part = 0; part < parts; part++) {
            List<QuestionScored.Line> slice = lines.subList(part * QuestionScored.MAX_LINES_PER_PART,
                    Math.min(lines.size(), (part + 1) * QuestionScored.MAX_LINES_PER_PART));
            publish(gameId, EventTypes.SCORE_QUESTION_SCORED, new QuestionScored(gameId.toString(), tally.questionIndex(), part,
                    parts, board.size(), leaders, new ArrayList<>(slice), now));
        }
        // The fast copy follows the committed one, never leads it.
        AfterCommit.run(transaction, () -> leaderboards.boardChanged(gameId, board));
    }

    void publish(UUID gameId, String type, Object payload) {
        outbox.append(EventEnvelope.newEvent(type, AGGREGATE, gameId.toString(), repository.nextEventVersion(gameId), Instant.now(),
                EventCodec.payloadToJson(payload)));
    }
}
