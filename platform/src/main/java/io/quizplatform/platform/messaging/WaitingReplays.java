package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.Failures;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What waits in one dead-letter topic, replayed in one call once its cause is fixed ({@link DeadLetterWaiting} says
 * in which order and what holds up a partition; {@link DeadLetters#apply} replays each record as a replay by its
 * address does). Reads each partition from where the last call found everything before dealt with
 * ({@code dead_letter_watermarks}), up to its {@code limit}-th waiting record.
 */
@ApplicationScoped
public class WaitingReplays {

    private static final Logger LOG = Logger.getLogger(WaitingReplays.class.getName());

    /**
     * How long a call starts new replays: with the read before it (at most {@link DeadLetters#READ_TIMEOUT}) and the
     * last replay's retries (at most 30 s, {@link EventDelivery}), its answer comes within a proxy's usual 60 s.
     */
    static final Duration REPLAY_BUDGET = Duration.ofSeconds(15);

    /** The dead-letter topics a call runs on, on this instance. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @Inject
    DeadLetters deadLetters;

    @Inject
    DeadLetterReplays replays;

    @Inject
    KafkaClients clients;

    @Inject
    ServiceSettings settings;

    /**
     * Replays, oldest first, up to {@code limit} records of one dead-letter topic that were never replayed
     * successfully (an operator's "the cause is fixed: apply what waits"), one at a time as {@link DeadLetters#replay} does. A
     * record that fails again holds up the rest of its partition in this call (later events of its aggregates may
     * depend on it), and only that partition. Records that are not events are left (they can never be replayed).
     * <p>
     * Each partition is read only up to its {@code limit}-th waiting record. No replay starts once
     * {@link #REPLAY_BUDGET} has passed, nor after the database went out of reach: the answer then says why it
     * {@code stopped}, with what was done until then. One call per topic runs at a time on an instance (409 for
     * another); calls on two instances at once each replay, and each event is still applied once.
     *
     * @throws ProblemException 404 (no such topic), 409 (a replay of that topic under way here), 503 (Kafka unreachable)
     */
    public BulkReplay replayWaiting(String dlqTopic, int limit, DeadLetters.Operator operator) {
        Topic source = deadLetters.topics().require(dlqTopic);
        if (!running.add(dlqTopic)) {
            throw new ProblemException(409, "Replay under way", "A replay of what waits in " + dlqTopic
                    + " is already running on this instance; its answer lists what it replayed. Call again once it is done.");
        }
        try {
            return replayWaiting(source, dlqTopic, limit, operator);
        } finally {
            running.remove(dlqTopic);
        }
    }

    private BulkReplay replayWaiting(Topic source, String dlqTopic, int limit, DeadLetters.Operator operator) {
        long deadline = System.nanoTime() + REPLAY_BUDGET.toNanos();
        // Read from where the last call found everything before dealt with, not from the oldest record kept.
        String topicId = topicId(dlqTopic);
        // A topic that does not exist yet holds nothing to read, and no replay of it to look up.
        Map<Integer, Long> handledBelow = topicId == null ? Map.of() : replays.handledBelow(dlqTopic, topicId);
        Map<DeadLetterReplays.Address, DeadLetterReplay> replayed = topicId == null ? Map.of()
                : replays.notHandled(dlqTopic, topicId);
        DeadLetterWaiting waiting = new DeadLetterWaiting(limit);
        DeadLetterReader.Read read = deadLetters.withReader(reader -> reader.oldestFirst(dlqTopic, handledBelow, record -> {
            ParkedRecord parked = ParkedRecord.of(record);
            return waiting.offer(parked, parked.replayIn(replayed.get(
                    new DeadLetterReplays.Address(parked.dlqTopic(), parked.partition(), parked.offset()))));
        }));
        long unread = read.unread();
        List<ReplayResult> results = new ArrayList<>();
        String[] stopped = {null};
        SortedSet<Integer> held = waiting.replayOldestFirst(record -> {
            if (System.nanoTime() - deadline > 0) {
                stopped[0] = BulkReplay.STOPPED_TIME_BUDGET;
                return DeadLetterWaiting.Step.STOP;
            }
            ReplayResult result;
            try {
                result = deadLetters.apply(source, record, false, operator);
            } catch (RuntimeException e) {
                if (!Failures.databaseUnreachable(e)) {
                    throw e;
                }
                // Its outcome could not be recorded: it still waits (applied meanwhile, its next replay says duplicate).
                LOG.warning(() -> settings.serviceName() + ": replay of what waits in " + dlqTopic + " stopped at "
                        + record.dlqTopic() + "/" + record.partition() + "@" + record.offset()
                        + ": the database is out of reach (" + Failures.describe(e) + ")");
                stopped[0] = BulkReplay.STOPPED_DATABASE;
                return DeadLetterWaiting.Step.STOP;
            }
            results.add(result);
            return ReplayOutcome.FAILED.wireName().equals(result.outcome())
                    ? DeadLetterWaiting.Step.HOLD_PARTITION : DeadLetterWaiting.Step.GO_ON;
        });
        try {
            if (topicId != null) {
                replays.handledBelow(dlqTopic, topicId, waiting.handledBelow(read.readUpTo()));
            }
        } catch (RuntimeException e) {
            // The next call reads from the older offsets again: slower, nothing skipped.
            LOG.log(Level.WARNING, settings.serviceName() + ": where " + dlqTopic + " is dealt with up to was not"
                    + " recorded: " + Failures.describe(e));
        }
        long succeeded = results.size() - held.size();
        LOG.info(() -> settings.serviceName() + ": " + (operator.name() == null ? operator.id() : operator.name())
                + " replayed what waits in " + dlqTopic + ": " + succeeded + " applied or already applied, "
                + held.size() + " failed again (partitions " + held + " held), "
                + (waiting.count() - succeeded) + " still waiting, " + unread + " not read"
                + (stopped[0] == null ? "" : ", stopped: " + stopped[0]));
        return new BulkReplay(dlqTopic, results, List.copyOf(held), waiting.count() - succeeded, unread,
                waiting.notEvents(), stopped[0]);
    }

    /**
     * Kafka's id of the topic as it is now (a topic deleted and made anew has another one), or null when it does not
     * exist (nothing was parked there yet).
     */
    private String topicId(String dlqTopic) {
        try {
            return clients.admin().describeTopics(List.of(dlqTopic)).allTopicNames()
                    .get(DeadLetters.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(dlqTopic).topicId().toString();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw deadLetters.kafkaUnavailable(new KafkaException(e.getCause()));
        } catch (TimeoutException | KafkaException e) {
            throw deadLetters.kafkaUnavailable(e instanceof KafkaException k ? k : new KafkaException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw deadLetters.kafkaUnavailable(new KafkaException(e));
        }
    }
}
