package io.quizplatform.platform.messaging;

import io.quizplatform.contracts.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ParkedRecordTest {

    static final String DLQ = "answer-events.scoring-app.dlq";
    static final Instant PARKED = Instant.parse("2026-11-25T10:15:30.123Z");

    static String event(String id) {
        return EventCodec.encode(new EventEnvelope(id, "answer.submitted", "game", "game-1", 3,
                Instant.parse("2026-11-25T10:15:00Z"), "{\"playerId\":\"p\"}"));
    }

    static ConsumerRecord<String, String> record(long offset, String value, Map<String, String> headers, long timestamp) {
        RecordHeaders h = new RecordHeaders();
        headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return new ConsumerRecord<>(DLQ, 2, offset, timestamp, TimestampType.CREATE_TIME, -1, -1, "game-1", value, h,
                Optional.empty());
    }

    static Map<String, String> parkingHeaders() {
        return Map.of("dlq-error", "IllegalStateException: no such game", "dlq-source-topic", "answer-events",
                "dlq-source-partition", "2", "dlq-source-offset", "4711", "dlq-parked-at", PARKED.toString());
    }

    @Test
    void readsWhatTheConsumerLoopWroteAndDecodesTheEvent() {
        String id = UUID.randomUUID().toString();
        ParkedRecord parked = ParkedRecord.of(record(17, event(id), parkingHeaders(), 1L));

        assertThat(parked.replayable()).isTrue();
        DeadLetterEntry entry = parked.toEntry(null);
        assertThat(entry).isEqualTo(new DeadLetterEntry(DLQ, 2, 17, "game-1", "answer-events", 2, 4711L, id,
                "answer.submitted", "IllegalStateException: no such game", PARKED, true, null, null, false));
    }

    @Test
    void aLongFailureIsCutSoThatTheParkedCopyStaysWithinTheBrokersLimit() {
        String longError = "IllegalStateException: " + "caused by ".repeat(50_000);
        var parked = DeadLetterParking.parked(io.quizplatform.contracts.Topic.ANSWER_EVENTS, "scoring-app", "game-1",
                event(UUID.randomUUID().toString()), longError, 2, 17L);
        String error = new String(parked.headers().lastHeader("dlq-error").value(), StandardCharsets.UTF_8);
        assertThat(error).hasSize(DeadLetterParking.MAX_ERROR_CHARS + 1).startsWith("IllegalStateException: ").endsWith("…");
        var shortOne = DeadLetterParking.parked(io.quizplatform.contracts.Topic.ANSWER_EVENTS, "scoring-app", "game-1",
                event(UUID.randomUUID().toString()), "no such game", 2, 17L);
        assertThat(new String(shortOne.headers().lastHeader("dlq-error").value(), StandardCharsets.UTF_8)).isEqualTo("no such game");
    }

    @Test
    void malformedValuesAreListedButNotReplayable() {
        ParkedRecord parked = ParkedRecord.of(record(3, "{this is not an event", parkingHeaders(), 1L));

        assertThat(parked.replayable()).isFalse();
        DeadLetterEntry entry = parked.toEntry(null);
        assertThat(entry.eventId()).isNull();
        assertThat(entry.replayable()).isFalse();
        assertThat(entry.notReplayableBecause()).startsWith("not a valid event envelope");
        assertThat(ParkedRecord.of(record(4, null, Map.of(), 1L)).decodeError()).isEqualTo("empty record");
    }

    @Test
    void anEventWhoseIdIsNotAUuidCannotBeReplayed() {
        ParkedRecord parked = ParkedRecord.of(record(5, event("not-a-uuid"), parkingHeaders(), 1L));

        assertThat(parked.replayable()).isFalse();
        assertThat(parked.decodeError()).isEqualTo("the event id 'not-a-uuid' is not a UUID");
    }

    @Test
    void missingOrBrokenHeadersLeaveGapsAndTheRecordTimestampStandsInForParkedAt() {
        long timestamp = Instant.parse("2026-11-24T08:00:00Z").toEpochMilli();
        ParkedRecord parked = ParkedRecord.of(record(6, event(UUID.randomUUID().toString()),
                Map.of("dlq-source-partition", "two", "dlq-parked-at", "yesterday"), timestamp));

        assertThat(parked.sourceTopic()).isNull();
        assertThat(parked.sourcePartition()).isNull();
        assertThat(parked.sourceOffset()).isNull();
        assertThat(parked.error()).isNull();
        assertThat(parked.parkedAt()).isEqualTo(Instant.ofEpochMilli(timestamp));
    }

    @Test
    void aReplayRowCountsOnlyForTheEventItWasAbout() {
        String id = UUID.randomUUID().toString();
        ParkedRecord parked = ParkedRecord.of(record(17, event(id), parkingHeaders(), 1L));
        Instant at = Instant.parse("2026-11-26T09:00:00Z");

        DeadLetterReplay applied = new DeadLetterReplay(id.toUpperCase(), "applied", null, at, "u1", "Ada", 1);
        assertThat(parked.toEntry(applied).replay()).isEqualTo(applied);
        assertThat(parked.toEntry(applied).replayedSuccessfully()).isTrue();

        DeadLetterReplay duplicate = new DeadLetterReplay(id, "duplicate", null, at, "u1", "Ada", 2);
        assertThat(parked.toEntry(duplicate).replayedSuccessfully()).isTrue();

        DeadLetterReplay failed = new DeadLetterReplay(id, "failed", "SQLException: down", at, "u1", "Ada", 1);
        assertThat(parked.toEntry(failed).replay()).isEqualTo(failed);
        assertThat(parked.toEntry(failed).replayedSuccessfully()).isFalse();

        // The dead-letter topic was created anew and another record now has that offset.
        DeadLetterReplay stale = new DeadLetterReplay(UUID.randomUUID().toString(), "applied", null, at, "u1", "Ada", 1);
        assertThat(parked.toEntry(stale).replay()).isNull();
        assertThat(parked.toEntry(stale).replayedSuccessfully()).isFalse();
        assertThat(parked.replayIn(stale)).isNull();
    }
}
