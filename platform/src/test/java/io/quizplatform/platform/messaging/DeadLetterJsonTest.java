package io.quizplatform.platform.messaging;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire shapes of the admin endpoints, as JSON-B (Liberty's too) writes them: null fields are left out. */
class DeadLetterJsonTest {

    static final Jsonb JSONB = JsonbBuilder.create();
    static final String ID = "0b5f5a3e-6f1e-4a53-9a39-2d6c1f1f8c11";
    static final Instant PARKED = Instant.parse("2026-11-25T10:15:30.123Z");
    static final Instant REPLAYED = Instant.parse("2026-11-26T09:00:00Z");

    @Test
    void listing() {
        DeadLetterReplay failed = new DeadLetterReplay(ID, "failed", "SQLException: down", REPLAYED, "u-1", "Ada", 1);
        DeadLetterEntry entry = new DeadLetterEntry("answer-events.scoring-app.dlq", 2, 17, "game-1", "answer-events", 2,
                4711L, ID, "answer.submitted", "IllegalStateException: no such game", PARKED, true, null, failed, false);

        String json = JSONB.toJson(new DeadLetterList("scoring-app", List.of("answer-events.scoring-app.dlq"), 1, 500,
                false, null, List.of(entry)));

        assertThat(json).isEqualTo("{\"dlqTopics\":[\"answer-events.scoring-app.dlq\"],\"entries\":[{"
                + "\"dlqTopic\":\"answer-events.scoring-app.dlq\",\"error\":\"IllegalStateException: no such game\","
                + "\"eventId\":\"" + ID + "\",\"eventType\":\"answer.submitted\",\"key\":\"game-1\",\"offset\":17,"
                + "\"parkedAt\":\"2026-11-25T10:15:30.123Z\",\"partition\":2,"
                + "\"replay\":{\"attempts\":1,\"error\":\"SQLException: down\",\"eventId\":\"" + ID + "\",\"outcome\":\"failed\","
                + "\"replayedAt\":\"2026-11-26T09:00:00Z\",\"replayedBy\":\"u-1\",\"replayedByName\":\"Ada\"},"
                + "\"replayable\":true,\"replayedSuccessfully\":false,\"sourceOffset\":4711,\"sourcePartition\":2,"
                + "\"sourceTopic\":\"answer-events\"}],\"limit\":500,\"service\":\"scoring-app\",\"total\":1,\"truncated\":false}");
    }

    @Test
    void replayResult() {
        String json = JSONB.toJson(new ReplayResult("answer-events.scoring-app.dlq", 2, 17, "answer-events", 2, 4711L, ID,
                "answer.submitted", "applied", null, REPLAYED, "u-1", "Ada", 1, false));

        assertThat(json).isEqualTo("{\"attempts\":1,\"dlqTopic\":\"answer-events.scoring-app.dlq\",\"eventId\":\"" + ID
                + "\",\"eventType\":\"answer.submitted\",\"forced\":false,\"offset\":17,\"outcome\":\"applied\",\"partition\":2,"
                + "\"replayedAt\":\"2026-11-26T09:00:00Z\",\"replayedBy\":\"u-1\",\"replayedByName\":\"Ada\","
                + "\"sourceOffset\":4711,\"sourcePartition\":2,\"sourceTopic\":\"answer-events\"}");
    }
}
