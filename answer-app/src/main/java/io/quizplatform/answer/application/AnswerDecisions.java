package io.quizplatform.answer.application;

import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.answer.domain.AnswerRepository;
import io.quizplatform.answer.domain.AnswerWindow;
import io.quizplatform.answer.domain.FairTiming;
import io.quizplatform.answer.domain.Refusal;
import io.quizplatform.answer.domain.TypedAnswerTally;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.outbox.Outbox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides on each answer received for a game: it counts only if its player is in the game and not removed, its
 * question was open when it was received (and had not closed before it reached us), and it is the player's first
 * to that question. Every decision is stored and announced on answer-events in one transaction (outbox). When a
 * question closes, its tally follows the last decision on it. The response time of an answer that counts runs from
 * when its question was shown to the player, within {@value #MAX_COMPENSATION_KEY} of the opening ({@link FairTiming}).
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class AnswerDecisions {

    // The answers of one game: aggregate id = game id, so they share the game's partition.
    private static final String AGGREGATE = "answer";
    private static final int TOP_TEXT_ANSWERS = 10;
    /** Stored and announced in place of a player id that is not a UUID (the refusal is then not-a-player): the nil UUID. */
    static final String NOT_A_PLAYER_ID = new UUID(0, 0).toString();
    /**
     * The most a player's response time may start after the question's opening (env
     * ANSWER_FAIR_TIMING_MAX_COMPENSATION_MS; 0 switches fair timing off): what anyone could gain by any trick.
     */
    static final String MAX_COMPENSATION_KEY = "answer.fair.timing.max.compensation.ms";
    static final long MAX_COMPENSATION_DEFAULT_MS = 2000;

    @Inject
    AnswerRepository repository;

    @Inject
    Outbox outbox;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    ServiceSettings settings;

    private FairTiming timing;

    @jakarta.annotation.PostConstruct
    void readSettings() {
        timing = FairTiming.upToMillis(Long.parseLong(settings.get(MAX_COMPENSATION_KEY,
                Long.toString(MAX_COMPENSATION_DEFAULT_MS)).strip()));
    }

    /**
     * What this transaction has read about a game: its locked answer window and its players. A burst of answers
     * arrives as one batch in one transaction; reading these once per batch instead of once per answer is what lets
     * answer-app keep up with ten thousand players. Game events in the same batch update or drop it.
     */
    private static final class GameInTransaction {
        Optional<AnswerWindow> window;
        final List<AnswerRepository.NewAnswer> toInsert = new ArrayList<>();
        long version = -1;
        boolean versionChanged;
    }

    /**
     * What this transaction knows of a game's players: whether each is in the game (and removed), and whether they have
     * an accepted answer to a question, as answer_db says plus what this transaction adds. Read for the batch's players
     * only ({@link #answersComing}), with one query each for the whole batch; reading the game's whole roster and every
     * answer to the question in each batch instead took a third of answer-app's time in a 10,000-player burst
     * (2026-12-05). Kept for the whole transaction (a question's opening or close changes none of it).
     */
    private static final class PlayersInTransaction {
        /** Player → removed by the host; empty: not a player of the game. Absent: not read yet. */
        final Map<UUID, Optional<Boolean>> membership = new java.util.HashMap<>();
        /** Question → player → has an accepted answer. Absent: not read yet. */
        final Map<Integer, Map<UUID, Boolean>> answered = new java.util.HashMap<>();
    }

    private static final String PLAYERS = AnswerDecisions.class.getName() + ".players";

    @SuppressWarnings("unchecked")
    private PlayersInTransaction players(UUID gameId) {
        Map<UUID, PlayersInTransaction> all = (Map<UUID, PlayersInTransaction>) transaction.getResource(PLAYERS);
        if (all == null) {
            all = new java.util.HashMap<>();
            transaction.putResource(PLAYERS, all);
        }
        return all.computeIfAbsent(gameId, id -> new PlayersInTransaction());
    }

    /**
     * The answers this transaction is about to decide: their players' membership and earlier answers are read for all
     * of them at once, per game.
     */
    public void answersComing(List<AnswerReceived> answers) {
        Map<UUID, List<AnswerReceived>> byGame = new LinkedHashMap<>();
        for (AnswerReceived answer : answers) {
            try {
                UUID.fromString(answer.playerId());
                byGame.computeIfAbsent(UUID.fromString(answer.gameId()), id -> new ArrayList<>()).add(answer);
            } catch (IllegalArgumentException | NullPointerException e) {
                // decided (refused) one by one as it comes
            }
        }
        byGame.forEach((gameId, ofGame) -> {
            PlayersInTransaction known = players(gameId);
            java.util.Set<UUID> unread = new java.util.HashSet<>();
            java.util.Set<Integer> questions = new java.util.HashSet<>();
            for (AnswerReceived answer : ofGame) {
                UUID playerId = UUID.fromString(answer.playerId());
                if (!known.membership.containsKey(playerId)) {
                    unread.add(playerId);
                }
                questions.add(answer.questionIndex());
            }
            if (!unread.isEmpty()) {
                Map<UUID, Boolean> found = repository.players(gameId, unread);
                unread.forEach(id -> known.membership.put(id, Optional.ofNullable(found.get(id))));
            }
            java.util.Set<UUID> everyone = new java.util.HashSet<>();
            ofGame.forEach(a -> everyone.add(UUID.fromString(a.playerId())));
            Map<Integer, java.util.Set<UUID>> answered = repository.answered(gameId, questions, everyone);
            for (int question : questions) {
                Map<UUID, Boolean> ofQuestion = known.answered.computeIfAbsent(question, q -> new java.util.HashMap<>());
                java.util.Set<UUID> yes = answered.getOrDefault(question, java.util.Set.of());
                everyone.forEach(id -> ofQuestion.putIfAbsent(id, yes.contains(id)));
            }
        });
    }

    /** Whether the player is in the game (and removed), read now if the batch did not. */
    private Optional<Boolean> membership(UUID gameId, UUID playerId) {
        return players(gameId).membership.computeIfAbsent(playerId,
                id -> Optional.ofNullable(repository.players(gameId, List.of(id)).get(id)));
    }

    /** Records the player's answer to the question; false if they already had one. */
    private boolean firstAnswer(UUID gameId, int questionIndex, UUID playerId) {
        Map<UUID, Boolean> ofQuestion = players(gameId).answered.computeIfAbsent(questionIndex, q -> new java.util.HashMap<>());
        Boolean before = ofQuestion.get(playerId);
        if (before == null) {
            before = repository.answered(gameId, List.of(questionIndex), List.of(playerId))
                    .getOrDefault(questionIndex, java.util.Set.of()).contains(playerId);
        }
        ofQuestion.put(playerId, true);
        return !before;
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, GameInTransaction> seenInTransaction() {
        Map<UUID, GameInTransaction> seen = (Map<UUID, GameInTransaction>) transaction.getResource(AnswerDecisions.class);
        if (seen == null) {
            seen = new java.util.HashMap<>();
            transaction.putResource(AnswerDecisions.class, seen);
        }
        return seen;
    }

    private GameInTransaction seen(UUID gameId) {
        return seenInTransaction().computeIfAbsent(gameId, id -> {
            GameInTransaction g = new GameInTransaction();
            g.window = repository.lockWindow(id);
            return g;
        });
    }

    /** Writes what this transaction collected about the game, then reads it afresh next time. */
    private void forget(UUID gameId) {
        GameInTransaction seen = seenInTransaction().remove(gameId);
        if (seen != null) {
            write(gameId, seen);
        }
    }

    private void write(UUID gameId, GameInTransaction seen) {
        repository.insertAnswers(seen.toInsert);
        seen.toInsert.clear();
        if (seen.versionChanged) {
            repository.eventVersion(gameId, seen.version);
            seen.versionChanged = false;
        }
    }

    /** The end of the batch: the collected answers go in with one statement per game. */
    public void endOfBatch() {
        Map<UUID, GameInTransaction> seen = seenInTransaction();
        seen.forEach(this::write);
        seen.clear();
    }

    private long nextEventVersion(UUID gameId) {
        GameInTransaction seen = seen(gameId);
        if (seen.version < 0) {
            seen.version = repository.eventVersion(gameId);
        }
        seen.versionChanged = true;
        return ++seen.version;
    }

    public void gameCreated(UUID gameId, String hostId, Instant at, List<AnswerKey> keys) {
        repository.createGame(gameId, hostId, at, keys);
    }

    public void playerJoined(UUID gameId, UUID playerId) {
        repository.addPlayer(gameId, playerId);
        // A player is added as not removed; one already there (a redelivered join) stays as they were.
        players(gameId).membership.computeIfPresent(playerId, (id, known) -> known.isEmpty() ? Optional.of(false) : known);
    }

    public void playerKicked(UUID gameId, UUID playerId) {
        repository.kick(gameId, playerId);
        // Only a player of the game can be removed.
        players(gameId).membership.computeIfPresent(playerId, (id, known) -> known.isPresent() ? Optional.of(true) : known);
    }

    public void questionOpened(UUID gameId, int questionIndex, Instant at, Instant closesAt) {
        forget(gameId);
        repository.opened(gameId, questionIndex, at, closesAt);
    }

    public void questionClosed(UUID gameId, int questionIndex, Instant at) {
        forget(gameId);
        repository.lockWindow(gameId);
        boolean wasOpen = repository.closed(gameId, questionIndex);
        if (wasOpen) {
            publishTally(gameId, questionIndex, at);
        }
    }

    public void gameEnded(UUID gameId, Instant at) {
        forget(gameId);
        Optional<AnswerWindow> window = repository.lockWindow(gameId);
        repository.ended(gameId, at);
        // A game ended mid-question: that question's answers are final too.
        window.filter(w -> w.openQuestion() >= 0).ifPresent(w -> publishTally(gameId, w.openQuestion(), at));
    }

    public void answerReceived(AnswerReceived answer) {
        UUID gameId = UUID.fromString(answer.gameId());
        UUID answerId = UUID.fromString(answer.answerId());
        GameInTransaction game = seen(gameId);
        Optional<AnswerWindow> window = game.window;
        if (window.isEmpty()) {
            refuse(answer, Refusal.UNKNOWN_GAME, false);
            return;
        }
        UUID playerId;
        try {
            playerId = UUID.fromString(answer.playerId());
        } catch (IllegalArgumentException e) {
            refuse(answer, Refusal.NOT_A_PLAYER, true);
            return;
        }
        Optional<Boolean> kicked = membership(gameId, playerId);
        if (kicked.isEmpty()) {
            refuse(answer, Refusal.NOT_A_PLAYER, true);
            return;
        }
        if (kicked.get()) {
            refuse(answer, Refusal.KICKED, true);
            return;
        }
        Optional<Refusal> late = window.get().refusal(answer.questionIndex(), answer.receivedAt());
        if (late.isPresent()) {
            refuse(answer, late.get(), true);
            return;
        }
        Optional<AnswerKey> key = repository.key(gameId, answer.questionIndex());
        List<String> chosen = answer.optionIds() == null ? List.of() : answer.optionIds();
        if (key.isEmpty() || !key.get().fits(chosen, answer.text())) {
            refuse(answer, Refusal.INVALID_ANSWER, true);
            return;
        }
        AnswerKey.Verdict verdict = key.get().judge(chosen, answer.text());
        long responseMs = window.get().responseMs(answer.receivedAt(), answer.shownAt(), timing);
        if (!firstAnswer(gameId, answer.questionIndex(), playerId)) {
            refuse(answer, Refusal.ALREADY_ANSWERED, true);
            return;
        }
        game.toInsert.add(new AnswerRepository.NewAnswer(answerId, gameId, answer.questionIndex(), playerId, chosen,
                answer.text(), verdict.correct(), responseMs, answer.receivedAt()));
        AnswerSubmitted submitted = new AnswerSubmitted(answer.answerId(), answer.gameId(), answer.playerId(),
                answer.questionIndex(), chosen, answer.text(), verdict.correct(), verdict.correctChosen(),
                verdict.wrongChosen(), verdict.correctTotal(), responseMs, key.get().timeLimitSeconds(), key.get().points(),
                answer.receivedAt());
        publish(gameId, EventTypes.ANSWER_SUBMITTED, submitted, nextEventVersion(gameId));
    }

    private void refuse(AnswerReceived answer, Refusal refusal, boolean gameKnown) {
        UUID gameId = UUID.fromString(answer.gameId());
        String playerId = storablePlayerId(answer.playerId());
        repository.refused(UUID.fromString(answer.answerId()), gameId, answer.questionIndex(), playerId,
                refusal.code(), answer.receivedAt());
        AnswerRejected rejected = new AnswerRejected(answer.answerId(), answer.gameId(), playerId,
                answer.questionIndex(), refusal.code(), refusal.message(), answer.receivedAt());
        publish(gameId, EventTypes.ANSWER_REJECTED, rejected, gameKnown ? nextEventVersion(gameId) : 1);
    }

    /**
     * The player id as refused_answers keeps it and answer.rejected carries it: a player id that is not one (too
     * long, NUL...) would fail the insert, and with it the decision; the nil UUID stands in for it.
     */
    private static String storablePlayerId(String playerId) {
        try {
            return UUID.fromString(playerId).toString().equalsIgnoreCase(playerId) ? playerId : NOT_A_PLAYER_ID;
        } catch (IllegalArgumentException | NullPointerException e) {
            return NOT_A_PLAYER_ID;
        }
    }

    private void publishTally(UUID gameId, int questionIndex, Instant closedAt) {
        List<AnswerRepository.StoredAnswer> answers = repository.answersTo(gameId, questionIndex);
        Map<String, Integer> byOption = new LinkedHashMap<>();
        repository.key(gameId, questionIndex).ifPresent(k -> k.optionIds().forEach(id -> byOption.put(id, 0)));
        TypedAnswerTally typed = new TypedAnswerTally();
        int correct = 0;
        for (AnswerRepository.StoredAnswer a : answers) {
            a.optionIds().forEach(id -> byOption.merge(id, 1, Integer::sum));
            typed.add(a.text());
            if (Boolean.TRUE.equals(a.correct())) {
                correct++;
            }
        }
        List<QuestionTallied.OptionCount> distribution = new ArrayList<>();
        byOption.forEach((id, n) -> distribution.add(new QuestionTallied.OptionCount(id, n)));
        List<QuestionTallied.TextCount> texts = typed.top(TOP_TEXT_ANSWERS).stream()
                .map(e -> new QuestionTallied.TextCount(e.text(), e.count()))
                .toList();
        QuestionTallied tally = new QuestionTallied(gameId.toString(), questionIndex, answers.size(), correct, distribution,
                texts, closedAt);
        publish(gameId, EventTypes.ANSWER_QUESTION_TALLIED, tally, nextEventVersion(gameId));
    }

    private void publish(UUID gameId, String type, Object payload, long version) {
        outbox.append(EventEnvelope.newEvent(type, AGGREGATE, gameId.toString(), version, Instant.now(),
                EventCodec.payloadToJson(payload)));
    }
}
