package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.EventRecords;
import io.quizplatform.quiz.application.AnswersDecided;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.ScoresPublished;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.messaging.KafkaClients;
import io.quizplatform.quiz.application.GameChanged;
import io.quizplatform.quiz.infrastructure.eventstore.GameEventStore;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every quiz-app instance reads the game events of quiz-events in a consumer group of its own (a broadcast), so
 * players of one game connected to different instances all hear of every change, in the order of the game's
 * partition, whichever instance made it. Several events of one game in one poll become one push. It reads
 * answer-app's decisions from answer-events the same way, for acknowledgements, live counts and results, and
 * scoring-app's scores from scoring-events, for each player's line, the host's leaderboard and the podium. Records
 * are routed by topic, not by type: {@code game.finalized} comes from scoring-app on scoring-events.
 */
@ApplicationScoped
public class GameEventsFanOut {

    private static final Logger LOG = Logger.getLogger(GameEventsFanOut.class.getName());

    @Inject
    KafkaClients clients;

    @Inject
    ServiceSettings settings;

    @Inject
    Event<GameChanged> changed;

    @Inject
    GameEventStore gameStore;

    @Inject
    Event<AnswersDecided> decided;

    @Inject
    LiveAnswers answers;

    @Inject
    Event<ScoresPublished> scored;

    @Inject
    LiveScores scores;

    @Resource
    ManagedThreadFactory threads;

    private volatile boolean running;
    private final long startedAtMillis = System.currentTimeMillis();
    /** Where a (re)created consumer starts reading scoring-events; moves on with what was read. */
    private volatile long scoresReadUpTo = startedAtMillis - LiveScores.KEEP_IDLE.toMillis();
    private volatile KafkaConsumer<String, String> consumer;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) @Initialized(ApplicationScoped.class) Object ignored) {
        if (running) {
            return;
        }
        running = true;
        Thread thread = threads.newThread(this::run);
        thread.setName(settings.serviceName() + "-game-fanout");
        thread.start();
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        running = false;
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private static final class Decisions {
        final List<AnswerSubmitted> accepted = new ArrayList<>();
        final List<AnswerRejected> rejected = new ArrayList<>();
        final List<QuestionTallied> tallies = new ArrayList<>();
    }

    private static final class Scores {
        final List<QuestionScored> parts = new ArrayList<>();
        GameFinalized finalized;
        GameFinalizationFailed failed;
    }

    /** Applies one of scoring-app's events to this instance's view; a record it cannot read is skipped. */
    /**
     * Scores are read back from a while before this instance started (LiveScores' idle window): a player who
     * reconnects to a restarted or new instance still gets their score and rank in the welcome. Only the scores are
     * read back; game and answer events are read from now on, as before.
     */
    private final class ScoresCatchUp implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, String> consumer;

        ScoresCatchUp(KafkaConsumer<String, String> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
            Map<TopicPartition, Long> from = new java.util.HashMap<>();
            for (TopicPartition p : partitions) {
                if (Topic.SCORING_EVENTS.topicName().equals(p.topic())) {
                    from.put(p, scoresReadUpTo);
                }
            }
            if (from.isEmpty()) {
                return;
            }
            try {
                consumer.offsetsForTimes(from).forEach((p, offset) -> {
                    if (offset != null) {
                        consumer.seek(p, offset.offset());
                    }
                });
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "scores not read back; welcomes get scores from the next question on", e);
            }
        }
    }

    private void readScore(ConsumerRecord<String, String> record, String type, Map<String, Scores> byGame) {
        scoresReadUpTo = Math.max(scoresReadUpTo, record.timestamp());
        if (record.timestamp() < startedAtMillis) {
            // Read back for the welcomes: applied to LiveScores, not pushed again.
            byGame = new LinkedHashMap<>();
        }
        try {
            EventEnvelope event = EventCodec.decode(record.value());
            switch (type) {
                case EventTypes.SCORE_QUESTION_SCORED -> {
                    QuestionScored part = EventCodec.payloadFromJson(event, QuestionScored.class);
                    scores.scored(part);
                    byGame.computeIfAbsent(part.gameId(), k -> new Scores()).parts.add(part);
                }
                case EventTypes.GAME_FINALIZED -> {
                    GameFinalized f = EventCodec.payloadFromJson(event, GameFinalized.class);
                    scores.finalized(f);
                    byGame.computeIfAbsent(f.gameId(), k -> new Scores()).finalized = f;
                }
                case EventTypes.GAME_FINALIZATION_FAILED -> {
                    GameFinalizationFailed f = EventCodec.payloadFromJson(event, GameFinalizationFailed.class);
                    scores.finalizationFailed(f);
                    byGame.computeIfAbsent(f.gameId(), k -> new Scores()).failed = f;
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipped unreadable " + type + " at " + record.topic() + "/" + record.partition() + "@" + record.offset(), e);
        }
    }

    /** Applies one of answer-app's decisions to this instance's view; a record it cannot read is skipped. */
    private void read(ConsumerRecord<String, String> record, String type, Map<String, Decisions> decisions) {
        try {
            EventEnvelope event = EventCodec.decode(record.value());
            Decisions d = decisions.computeIfAbsent(record.key(), k -> new Decisions());
            switch (type) {
                case EventTypes.ANSWER_SUBMITTED -> {
                    AnswerSubmitted a = EventCodec.payloadFromJson(event, AnswerSubmitted.class);
                    answers.accepted(a);
                    d.accepted.add(a);
                }
                case EventTypes.ANSWER_REJECTED -> {
                    AnswerRejected r = EventCodec.payloadFromJson(event, AnswerRejected.class);
                    answers.refused(r.gameId(), r.questionIndex(), r.playerId());
                    d.rejected.add(r);
                }
                case EventTypes.ANSWER_QUESTION_TALLIED -> {
                    QuestionTallied t = EventCodec.payloadFromJson(event, QuestionTallied.class);
                    answers.tallied(t);
                    d.tallies.add(t);
                }
                default -> { }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "skipped unreadable " + type + " at " + record.topic() + "/" + record.partition() + "@" + record.offset(), e);
        }
    }

    private void run() {
        // A group of its own per instance and start: what happens from now on is of interest (and the scores of the
        // last while, read back for welcomes: ScoresCatchUp).
        String group = settings.serviceName() + "-fanout-" + UUID.randomUUID();
        while (running) {
            try (KafkaConsumer<String, String> c = clients.newBroadcastConsumer(group)) {
                consumer = c;
                c.subscribe(List.of(Topic.QUIZ_EVENTS.topicName(), Topic.ANSWER_EVENTS.topicName(),
                        Topic.SCORING_EVENTS.topicName()), new ScoresCatchUp(c));
                while (running) {
                    Set<String> games = new LinkedHashSet<>();
                    Map<String, Decisions> decisions = new LinkedHashMap<>();
                    Map<String, Scores> scoresByGame = new LinkedHashMap<>();
                    for (ConsumerRecord<String, String> record : c.poll(Duration.ofMillis(500))) {
                        String type = EventRecords.eventType(record);
                        if (Topic.SCORING_EVENTS.topicName().equals(record.topic())) {
                            readScore(record, type, scoresByGame);
                        } else if (Topic.ANSWER_EVENTS.topicName().equals(record.topic())) {
                            read(record, type, decisions);
                        } else if (type.startsWith("game.") && !EventTypes.GAME_ANSWER_RECEIVED.equals(type)) {
                            games.add(record.key());
                        }
                    }
                    for (String gameId : games) {
                        try {
                            gameStore.load(UUID.fromString(gameId)).ifPresent(game -> changed.fire(new GameChanged(game)));
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "could not push the change of game " + gameId, e);
                        }
                    }
                    decisions.forEach((gameId, d) -> {
                        try {
                            decided.fire(new AnswersDecided(gameId, d.accepted, d.rejected, d.tallies));
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "could not push the answers of game " + gameId, e);
                        }
                    });
                    scoresByGame.forEach((gameId, s) -> {
                        try {
                            scored.fire(new ScoresPublished(gameId, s.parts, s.finalized, s.failed));
                        } catch (RuntimeException e) {
                            LOG.log(Level.WARNING, "could not push the scores of game " + gameId, e);
                        }
                    });
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "game fan-out consumer failed, restarting", e);
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                consumer = null;
            }
        }
    }
}
