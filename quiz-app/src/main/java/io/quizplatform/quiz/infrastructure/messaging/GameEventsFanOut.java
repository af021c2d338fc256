package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.platform.messaging.EventRecords;
import io.quizplatform.platform.tracing.Tracing;
import io.quizplatform.quiz.application.LiveAnswers;
import io.quizplatform.quiz.application.LiveScores;
import io.quizplatform.quiz.application.GameEventsInLog;
import io.quizplatform.quiz.application.live.LiveGameNews;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.messaging.KafkaClients;
import io.quizplatform.quiz.application.GameChanges;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.infrastructure.eventstore.GameEventStore;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import io.quizplatform.platform.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.metrics.MetricRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every quiz-app instance reads every partition of quiz-events itself, outside any consumer group (a broadcast:
 * {@link KafkaClients#newBroadcastConsumer}), keeping its position through broker restarts, so players of one game
 * connected to different instances all hear of every change, in the order of the game's partition, whichever
 * instance made it. Several events of one game in one poll become one push. It reads
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
    GameChanges changes;

    @Inject
    GameEventStore gameStore;

    /** Where answer-app's decisions and scoring-app's scores go on to the connections here ({@code LiveResults}). */
    @Inject
    LiveGameNews news;

    @Inject
    LiveAnswers answers;

    @Inject
    LiveScores scores;

    @Inject
    GameEventsInLog inLog;

    @Inject
    Tracing tracing;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    MetricRegistry metrics;

    /** The topics read, in this order. */
    static final List<Topic> TOPICS = List.of(Topic.QUIZ_EVENTS, Topic.ANSWER_EVENTS, Topic.SCORING_EVENTS);

    private FanOutLatency latency;

    private volatile boolean running;
    private final long startedAtMillis = System.currentTimeMillis();
    /** Where the first reader starts reading scoring-events back (for the welcomes after a restart). */
    private volatile long scoresReadUpTo = startedAtMillis - LiveScores.KEEP_IDLE.toMillis();
    private volatile KafkaConsumer<String, String> consumer;
    /** The next offset to read per partition: where a consumer created again goes on. */
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean broken;
    /** How far back answer-app's decisions are read at start: the current question's answers of every live game. */
    static final Duration ANSWERS_READ_BACK = Duration.ofMinutes(30);

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1100) @Initialized(ApplicationScoped.class) Object ignored) {
        if (running) {
            return;
        }
        running = true;
        latency = new FanOutLatency(metrics);
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

    private void run() {
        while (running) {
            try (KafkaConsumer<String, String> c = clients.newBroadcastConsumer("game-fanout")) {
                consumer = c;
                assignAndSeek(c);
                while (running) {
                    ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                    for (TopicPartition p : records.partitions()) {
                        List<ConsumerRecord<String, String>> in = records.records(p);
                        positions.put(p, in.get(in.size() - 1).offset() + 1);
                    }
                    apply(records);
                    if (broken) {
                        broken = false;
                        LOG.info("game fan-out reads again from where it stopped; live games go on");
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!broken) {
                    broken = true;
                    LOG.warning("game fan-out cannot read Kafka (" + Failures.describe(e) + "); it goes on from where it"
                            + " stopped once Kafka answers, and game timers keep the screens moving meanwhile");
                }
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

    /**
     * Every partition of the three topics, from where this instance stopped reading (a consumer created again
     * after a failure loses nothing) or, the first time: game events from now on, answer-app's decisions and
     * scoring-app's scores from a while back, so that a player who reconnects to a new or restarted instance is
     * told what they answered and where they stand.
     */
    private void assignAndSeek(KafkaConsumer<String, String> c) {
        List<TopicPartition> all = new ArrayList<>();
        for (Topic topic : TOPICS) {
            for (PartitionInfo info : c.partitionsFor(topic.topicName(), Duration.ofSeconds(5))) {
                all.add(new TopicPartition(info.topic(), info.partition()));
            }
        }
        c.assign(all);
        Map<TopicPartition, Long> fromTime = new HashMap<>();
        List<TopicPartition> fromEnd = new ArrayList<>();
        for (TopicPartition p : all) {
            Long position = positions.get(p);
            if (position != null) {
                c.seek(p, position);
            } else if (Topic.SCORING_EVENTS.topicName().equals(p.topic())) {
                fromTime.put(p, scoresReadUpTo);
            } else if (Topic.ANSWER_EVENTS.topicName().equals(p.topic())) {
                fromTime.put(p, startedAtMillis - ANSWERS_READ_BACK.toMillis());
            } else {
                fromEnd.add(p);
            }
        }
        if (!fromEnd.isEmpty()) {
            c.seekToEnd(fromEnd);
            fromEnd.forEach(p -> positions.put(p, c.position(p, Duration.ofSeconds(5))));
        }
        if (!fromTime.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> found = c.offsetsForTimes(fromTime, Duration.ofSeconds(5));
            List<TopicPartition> nothingSince = new ArrayList<>();
            fromTime.keySet().forEach(p -> {
                OffsetAndTimestamp at = found.get(p);
                if (at != null) {
                    c.seek(p, at.offset());
                } else {
                    nothingSince.add(p);
                }
            });
            if (!nothingSince.isEmpty()) {
                c.seekToEnd(nothingSince);
            }
            fromTime.keySet().forEach(p -> positions.put(p, c.position(p, Duration.ofSeconds(5))));
        }
    }

    /**
     * Adds a game event read from the log to its game's list. A record that cannot be read puts its game in
     * {@code unreadable}: that game is read from the event store instead.
     */
    private void collect(Map<String, GameRecords> games, Set<String> unreadable,
                         ConsumerRecord<String, String> record, String type) {
        EventEnvelope event;
        try {
            event = EventCodec.decode(record.value());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "unreadable game event at " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + "; its game is read from the event store: " + Failures.describe(e));
            unreadable.add(record.key());
            return;
        }
        GameRecords game = games.computeIfAbsent(record.key(), k -> new GameRecords());
        game.events.add(new GameEventStore.LoggedEvent(event.version(), event.type(), event.payloadJson()));
        game.saw(record);
        if (!EventTypes.GAME_ENDED.equals(type)) {
            // Read from the log: answers depending on this version may now go straight to Kafka (GameEventsInLog).
            inLog.logged(record.key(), event.version());
        }
    }

    /** A game's events of one poll, as read from the log. */
    private static final class GameRecords extends PushedRecord {
        final List<GameEventStore.LoggedEvent> events = new ArrayList<>();
    }

    private void apply(ConsumerRecords<String, String> records) {
        Map<String, GameRecords> games = new LinkedHashMap<>();
        Set<String> unreadable = new HashSet<>();
        DecisionsAndScores decided = new DecisionsAndScores(answers, scores);
        for (ConsumerRecord<String, String> record : records) {
            String type = EventRecords.eventType(record);
            // Read back at start for the welcomes: applied to this instance's view, not pushed again.
            boolean readBack = record.timestamp() < startedAtMillis;
            if (Topic.SCORING_EVENTS.topicName().equals(record.topic())) {
                scoresReadUpTo = Math.max(scoresReadUpTo, record.timestamp());
                decided.score(record, type, readBack);
            } else if (Topic.ANSWER_EVENTS.topicName().equals(record.topic())) {
                decided.decision(record, type, readBack);
            } else if (type.startsWith("game.") && !EventTypes.GAME_ANSWER_RECEIVED.equals(type)) {
                collect(games, unreadable, record, type);
            }
        }
        // A game with an unreadable record is read whole from the store; the others continue from their events.
        games.keySet().removeAll(unreadable);
        games.forEach((gameId, game) -> {
            if (push(gameId, id -> gameStore.afterLogged(id, game.events))) {
                game.timed(latency, Topic.QUIZ_EVENTS);
            }
        });
        unreadable.forEach(gameId -> push(gameId, gameStore::latest));
        decided.push(news, tracing, latency);
    }

    /** Pushes the game's change to the connections here; false if it could not. */
    private boolean push(String gameId, Function<UUID, Optional<Game>> read) {
        try {
            read.apply(UUID.fromString(gameId)).ifPresent(changes::announce);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not push the change of game " + gameId + ": " + Failures.describe(e));
            return false;
        }
    }
}
