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
import io.quizplatform.platform.persistence.InTransaction;
import io.quizplatform.platform.tracing.Tracing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

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
    GamePlayers players;

    @Inject
    Outbox outbox;

    @Inject
    InTransaction inTransaction;

    @Inject
    ServiceSettings settings;

    @Inject
    Tracing tracing;

    private FairTiming timing;

    @jakarta.annotation.PostConstruct
    void readSettings() {
        timing = FairTiming.upToMillis(Long.parseLong(settings.get(MAX_COMPENSATION_KEY,
                Long.toString(MAX_COMPENSATION_DEFAULT_MS)).strip()));
    }

    /**
     * What this transaction has read about a game: its locked answer window (its players: {@link GamePlayers}). A
     * burst of answers arrives as one batch in one transaction; reading these once per batch instead of once per
     * answer is what lets answer-app keep up with ten thousand players. Game events in the same batch update or drop it.
     */
    private static final class GameInTransaction {
        Optional<AnswerWindow> window;
        final List<AnswerRepository.NewAnswer> toInsert = new ArrayList<>();
        long version = -1;
        boolean versionChanged;
    }

    private Map<UUID, GameInTransaction> seenInTransaction() {
        return inTransaction.kept(GameInTransaction.class, java.util.HashMap::new);
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
        writeVersion(gameId, seen);
    }

    private void writeVersion(UUID gameId, GameInTransaction seen) {
        if (seen.versionChanged) {
            repository.eventVersion(gameId, seen.version);
            seen.versionChanged = false;
        }
    }

    /**
     * The end of the batch: the answers collected for all its games go in with one statement, then the tallies of the
     * questions that closed are published, their answers read with one statement for all of them.
     */
    public void endOfBatch() {
        players.writeJoins();
        Map<UUID, GameInTransaction> seen = seenInTransaction();
        List<AnswerRepository.NewAnswer> answers = new ArrayList<>();
        seen.values().forEach(g -> {
            answers.addAll(g.toInsert);
            g.toInsert.clear();
        });
        repository.insertAnswers(answers);
        publishTallies();
        seen.forEach(this::writeVersion);
        seen.clear();
    }

    /**
     * A question that closed in this transaction (or was open when its game ended): its tally is still to publish, in
     * the trace of the event that closed it.
     */
    private record TallyDue(int questionIndex, Instant closedAt, Consumer<Runnable> inItsTrace) {
    }

    /**
     * The tallies this transaction owes, by game: published together at its end (one game at a time, reading each
     * question's answers was a sixth of answer-app's lanes' time when 500 games closed a question together,
     * 2026-12-05), or before anything else answer-app announces about the same game, so a game's events keep their order.
     */
    private Map<UUID, TallyDue> talliesDue() {
        return inTransaction.kept(TallyDue.class, LinkedHashMap::new);
    }

    private void tallyDue(UUID gameId, int questionIndex, Instant closedAt) {
        publishTallyDue(gameId); // an earlier close of the same game goes first
        talliesDue().put(gameId, new TallyDue(questionIndex, closedAt, tracing.resumable()));
    }

    private void publishTallyDue(UUID gameId) {
        TallyDue due = talliesDue().remove(gameId);
        if (due != null) {
            AnswerRepository.GameQuestion question = new AnswerRepository.GameQuestion(gameId, due.questionIndex());
            due.inItsTrace().accept(() -> publishTally(question, due.closedAt(), repository.answersTo(List.of(question)).get(question)));
        }
    }

    private void publishTallies() {
        Map<UUID, TallyDue> due = talliesDue();
        if (due.isEmpty()) {
            return;
        }
        Map<AnswerRepository.GameQuestion, TallyDue> questions = new LinkedHashMap<>();
        due.forEach((gameId, tally) -> questions.put(new AnswerRepository.GameQuestion(gameId, tally.questionIndex()), tally));
        due.clear();
        Map<AnswerRepository.GameQuestion, List<AnswerRepository.StoredAnswer>> answers = repository.answersTo(questions.keySet());
        questions.forEach((question, tally) -> tally.inItsTrace().accept(() -> publishTally(question, tally.closedAt(), answers.get(question))));
    }

    private long nextEventVersion(UUID gameId) {
        publishTallyDue(gameId);
        GameInTransaction seen = seen(gameId);
        if (seen.version < 0) {
            seen.version = repository.eventVersion(gameId);
        }
        seen.versionChanged = true;
        return ++seen.version;
    }

    public void gameCreated(UUID gameId, String hostId, Instant at, List<AnswerKey> keys) {
        players.writeJoins();
        forget(gameId); // a window read earlier in the batch said the game was unknown
        repository.createGame(gameId, hostId, at, keys);
    }

    public void playerJoined(UUID gameId, UUID playerId) {
        players.joined(gameId, playerId);
    }

    public void playerKicked(UUID gameId, UUID playerId) {
        players.kicked(gameId, playerId);
    }

    /**
     * The batch about to be decided: the games of its answers and those its openings, closes and ends change are
     * locked with one statement (in game id order, rather than one statement per game as each event comes), and the
     * answers' players are read for all of them at once.
     */
    public void batchComing(List<AnswerReceived> answers, Collection<UUID> gamesChanging) {
        if (!answers.isEmpty()) {
            players.answersComing(answers);
        }
        Set<UUID> answered = new LinkedHashSet<>();
        for (AnswerReceived answer : answers) {
            try {
                answered.add(UUID.fromString(answer.gameId()));
            } catch (IllegalArgumentException | NullPointerException e) {
                // refused as it comes
            }
        }
        Map<UUID, GameInTransaction> seen = seenInTransaction();
        answered.removeIf(seen::containsKey);
        Set<UUID> locking = new LinkedHashSet<>(answered);
        locking.addAll(gamesChanging);
        if (locking.isEmpty()) {
            return;
        }
        Map<UUID, AnswerWindow> windows = repository.lockWindows(locking);
        for (UUID gameId : answered) {
            GameInTransaction g = new GameInTransaction();
            g.window = Optional.ofNullable(windows.get(gameId));
            seen.put(gameId, g);
        }
    }

    public void questionOpened(UUID gameId, int questionIndex, Instant at, Instant closesAt) {
        players.writeJoins();
        forget(gameId);
        tallyOnce(gameId, repository.opened(gameId, questionIndex, at, closesAt), at);
    }

    public void questionClosed(UUID gameId, int questionIndex, Instant at) {
        players.writeJoins();
        forget(gameId);
        repository.lockWindow(gameId);
        tallyOnce(gameId, repository.closed(gameId, questionIndex), at);
    }

    /**
     * Tallies each question the game has moved past, unless it was already: whatever ends a question (its close, a
     * later opening or close when its own close was parked, the end) tallies it once, so that scoring-app's
     * completion, which waits for every opened question's tally, never waits in vain.
     */
    private void tallyOnce(UUID gameId, List<Integer> ended, Instant at) {
        for (int question : ended) {
            if (repository.tallyOnce(gameId, question)) {
                tallyDue(gameId, question, at);
            }
        }
    }

    public void gameEnded(UUID gameId, Instant at) {
        players.writeJoins();
        forget(gameId);
        Optional<AnswerWindow> window = repository.lockWindow(gameId);
        repository.ended(gameId, at);
        // A game ended mid-question: that question's answers are final too.
        int open = window.map(AnswerWindow::openQuestion).orElse(-1);
        tallyOnce(gameId, open >= 0 ? List.of(open) : List.of(), at);
    }

    public void answerReceived(AnswerReceived answer) {
        players.writeJoins();
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
        Optional<Boolean> kicked = players.membership(gameId, playerId);
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
        if (!players.firstAnswer(gameId, answer.questionIndex(), playerId)) {
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

    private void publishTally(AnswerRepository.GameQuestion question, Instant closedAt, List<AnswerRepository.StoredAnswer> answers) {
        UUID gameId = question.gameId();
        int questionIndex = question.questionIndex();
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
