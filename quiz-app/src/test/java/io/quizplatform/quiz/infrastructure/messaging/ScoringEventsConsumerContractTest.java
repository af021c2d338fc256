package io.quizplatform.quiz.infrastructure.messaging;

import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.GameFinalizationFailed;
import io.quizplatform.contracts.GameFinalized;
import io.quizplatform.contracts.QuestionScored;
import io.quizplatform.contracts.Standing;
import io.quizplatform.platform.messaging.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Consumer side of scoring-events: what scoring-app publishes reads into what the fan-out uses. */
class ScoringEventsConsumerContractTest {

    @Test
    void readsAQuestionsBoard() {
        String wire = ContractValidator.example(EventTypes.SCORE_QUESTION_SCORED);
        assertThat(ContractValidator.violations(wire)).isEmpty();

        QuestionScored part = EventCodec.payloadFromJson(EventCodec.decode(wire), QuestionScored.class);

        assertThat(part.gameId()).isNotNull();
        assertThat(part.players()).isEqualTo(2);
        assertThat(part.leaders()).extracting(Standing::nickname).containsExactly("Ada", "Grace");
        QuestionScored.Line leader = part.lines().get(0);
        assertThat(leader.correct()).isTrue();
        assertThat(leader.ahead()).as("absent for the leader").isNull();
        QuestionScored.Line second = part.lines().get(1);
        assertThat(second.correct()).as("absent when not answered").isNull();
        assertThat(second.answered()).isFalse();
        assertThat(second.ahead()).isEqualTo(new QuestionScored.Ahead("Ada", 938));
    }

    @Test
    void readsThePodium() {
        String wire = ContractValidator.example(EventTypes.GAME_FINALIZED);
        assertThat(ContractValidator.violations(wire)).isEmpty();

        GameFinalized finalized = EventCodec.payloadFromJson(EventCodec.decode(wire), GameFinalized.class);

        assertThat(finalized.players()).isEqualTo(2);
        assertThat(finalized.podium()).extracting(Standing::rank).containsExactly(1, 2);
    }

    @Test
    void readsAFailedFinalization() {
        String gameId = UUID.randomUUID().toString();
        GameFinalizationFailed failed = new GameFinalizationFailed(gameId, "FINALIZING_SCORES", "database down", 5,
                Instant.parse("2026-11-25T10:20:01Z"));
        String wire = EventCodec.encode(new EventEnvelope(UUID.randomUUID().toString(), EventTypes.GAME_FINALIZATION_FAILED,
                "score", gameId, 9, failed.at(), EventCodec.payloadToJson(failed)));
        assertThat(ContractValidator.violations(wire)).isEmpty();

        assertThat(EventCodec.payloadFromJson(EventCodec.decode(wire), GameFinalizationFailed.class)).isEqualTo(failed);
    }
}
