package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.Topic;
import io.quizplatform.platform.Failures;
import io.quizplatform.platform.ServiceSettings;
import io.quizplatform.platform.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Parked records of this service, for operators: lists what its consumers parked in their dead-letter topics
 * ({@link PartitionLane}) and replays one of them through the same idempotent delivery as the consumer
 * ({@link EventDelivery#deliver}: retries, one transaction, applied at most once per event id); what waits in a
 * whole topic is replayed by {@link WaitingReplays} through the same {@link #apply}.
 * <p>
 * Dead-letter topics are read with a short-lived consumer of no group (assign and seek, nothing committed), up to
 * their end offsets at the time of the call. A record is never removed from its dead-letter topic (it expires
 * after 30 days); what became of it is recorded in {@code dead_letter_replays} by {@link DeadLetterReplays}.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    /** How long one listing or one record read may take before the request fails with 503. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETENTION_DAYS = Topic.DEAD_LETTER_RETENTION.toDays();

    /** Who asked for a replay: the token's subject and name. */
    public record Operator(String id, String name) {
    }

    @Inject
    ServiceSettings settings;

    @Inject
    EventConsumers consumers;

    @Inject
    KafkaClients clients;

    @Inject
    EventDelivery delivery;

    @Inject
    DeadLetterReplays replays;

    @Inject
    MetricRegistry metrics;

    public DeadLetterTopics topics() {
        return DeadLetterTopics.of(settings.serviceName(), consumers.subscribedTopics());
    }

    /**
     * The newest {@code limit} parked records of all this service's dead-letter topics, newest first, older than the
     * cursor's (the {@code next} of an earlier page, as the client gave it) when one is given.
     */
    public DeadLetterList list(int limit, String cursor) {
        List<String> names = topics().names();
        DeadLetterCursor before = null;
        if (cursor != null) {
            try {
                before = DeadLetterCursor.parse(cursor, names);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("before", "invalid", e.getMessage());
            }
        }
        DeadLetterCursor below = before;
        List<DeadLetterEntry> entries = new ArrayList<>();
        DeadLetterReader.Listed listed = new DeadLetterReader.Listed(0, List.of());
        if (!names.isEmpty()) {
            Map<DeadLetterReplays.Address, DeadLetterReplay> replayed = replays.of(names);
            listed = withReader(reader -> reader.newest(names, limit, below, record -> {
                // Turned into an entry at once: the values (possibly large) are not kept.
                ParkedRecord parked = ParkedRecord.of(record);
                entries.add(parked.toEntry(replayed.get(new DeadLetterReplays.Address(parked.dlqTopic(), parked.partition(), parked.offset()))));
            }));
        }
        DeadLetterListing.Page page = DeadLetterListing.page(entries, listed.reads(), limit);
        String next = page.next() == null ? null : page.next().text(names);
        return new DeadLetterList(settings.serviceName(), names, listed.total(), limit, next != null, next, page.entries());
    }

    /** One parked record with its value; 404 when this service has no such dead-letter topic or record. */
    public DeadLetterDetail read(String dlqTopic, int partition, long offset) {
        topics().require(dlqTopic);
        ParkedRecord record = readOne(dlqTopic, partition, offset);
        DeadLetterReplay replay = replays.find(dlqTopic, partition, offset).orElse(null);
        return new DeadLetterDetail(record.toEntry(replay), record.value());
    }

    /**
     * Applies a parked record's event now, as the consumer would have: same handlers, same retries, same
     * idempotency (an event this service already applied reports {@code duplicate} and changes nothing). The
     * outcome is recorded, also when it failed; a failed record stays listed as not replayed successfully.
     *
     * @throws ProblemException 404 (no such topic or record), 422 (not an event: can't be replayed), 409 (already
     *                          replayed successfully, and not forced), 503 (Kafka unreachable)
     */
    public ReplayResult replay(String dlqTopic, int partition, long offset, boolean force, Operator operator) {
        Topic source = topics().require(dlqTopic);
        ParkedRecord record = readOne(dlqTopic, partition, offset);
        DeadLetterReplay previous = record.replayIn(replays.find(dlqTopic, partition, offset).orElse(null));
        String address = dlqTopic + "/" + partition + "@" + offset;
        switch (ReplayPolicy.decide(record.replayable(), previous, force)) {
            case NOT_AN_EVENT -> throw new ProblemException(422, "Not replayable",
                    "The record at " + address + " cannot be replayed: " + record.decodeError()
                            + ". There is no event to apply; it stays parked until the dead-letter topic's retention ("
                            + RETENTION_DAYS + " days) removes it.");
            case ALREADY_REPLAYED -> throw new ProblemException(409, "Already replayed",
                    "The record at " + address + " (event " + record.eventId() + ") was already replayed with outcome '"
                            + previous.outcome() + "' at " + previous.replayedAt() + " by " + who(previous)
                            + ". Its effect is in place; add ?force=true to replay it again (an event is applied at most"
                            + " once, so that normally reports 'duplicate').");
            case REPLAY -> { }
        }
        return apply(source, record, force, operator);
    }

    /** Applies a parked record's event and records the outcome (also a failure); what {@link #replay} does. */
    ReplayResult apply(Topic source, ParkedRecord record, boolean force, Operator operator) {
        String dlqTopic = record.dlqTopic();
        int partition = record.partition();
        long offset = record.offset();
        String address = dlqTopic + "/" + partition + "@" + offset;
        ReplayOutcome outcome;
        String error = null;
        try {
            outcome = delivery.deliver(settings.serviceName(), source.topicName(), record.event(), null,
                    consumers.handlersOf(source))
                    ? ReplayOutcome.APPLIED : ReplayOutcome.DUPLICATE;
        } catch (RuntimeException e) {
            outcome = ReplayOutcome.FAILED;
            error = Failures.describe(e);
            LOG.log(Level.WARNING, settings.serviceName() + ": replay of " + address + " (event " + record.eventId()
                    + ") failed after retries", e);
        }
        DeadLetterReplay recorded = replays.record(dlqTopic, partition, offset, source.topicName(), record.event(),
                outcome, error, operator.id() == null ? "unknown" : operator.id(), operator.name());
        metrics.counter("dead.letters.replayed", new Tag("service", settings.serviceName()),
                new Tag("outcome", outcome.wireName())).inc();
        ReplayOutcome logged = outcome;
        LOG.info(() -> settings.serviceName() + ": " + who(recorded) + " replayed " + address + " (event "
                + record.eventId() + ", " + record.eventType() + (force ? ", forced" : "") + "): " + logged.wireName());
        return new ReplayResult(dlqTopic, partition, offset, source.topicName(), record.sourcePartition(),
                record.sourceOffset(), record.eventId(), record.eventType(), recorded.outcome(), recorded.error(),
                recorded.replayedAt(), recorded.replayedBy(), recorded.replayedByName(), recorded.attempts(), force);
    }

    private ParkedRecord readOne(String dlqTopic, int partition, long offset) {
        return ParkedRecord.of(withReader(reader -> reader.readOne(dlqTopic, partition, offset)));
    }

    /** Runs a read with a new reader (a consumer of no group), closed afterwards; Kafka failures become 503. */
    <T> T withReader(Function<DeadLetterReader, T> read) {
        KafkaConsumer<String, String> consumer;
        try {
            consumer = clients.newReader("dead-letters");
        } catch (KafkaException e) {
            throw kafkaUnavailable(e);
        }
        try {
            return read.apply(new DeadLetterReader(consumer, READ_TIMEOUT, CALL_TIMEOUT));
        } catch (KafkaException e) {
            throw kafkaUnavailable(e);
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing a dead-letter reader failed", e);
            }
        }
    }

    ProblemException kafkaUnavailable(KafkaException e) {
        LOG.log(Level.WARNING, settings.serviceName() + ": could not read the dead-letter topics", e);
        return new ProblemException(503, "Service Unavailable",
                "Kafka could not be reached to read the dead-letter topics; try again.");
    }

    private static String who(DeadLetterReplay replay) {
        return replay.replayedByName() == null ? replay.replayedBy() : replay.replayedByName() + " (" + replay.replayedBy() + ")";
    }
}
