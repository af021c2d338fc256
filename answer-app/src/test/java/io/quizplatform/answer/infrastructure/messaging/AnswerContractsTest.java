package io.quizplatform.answer.infrastructure.messaging;

import io.quizplatform.answer.domain.AnswerKey;
import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.AnswerRejected;
import io.quizplatform.contracts.AnswerSubmitted;
import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.contracts.QuestionTallied;
import io.quizplatform.platform.messaging.EventCodec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Both sides of answer-app's contracts: what it reads from quiz-events, and what it writes on answer-events. */
class AnswerContractsTest {

    private static final String GAME = UUID.randomUUID().toString();
    private static final Instant AT = Instant.parse("2026-11-25T10:16:05.250Z");

    @Test
    void readsTheAnswerKeysOfThePublishedGameCreatedExample() {
        EventEnvelope event = EventCodec.decode(ContractValidator.example(EventTypes.GAME_CREATED));
        io.quizplatform.contracts.GameCreated created = EventCodec.payloadFromJson(event, io.quizplatform.contracts.GameCreated.class);

        List<AnswerKey> keys = GameEventsListener.keys(created);
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).correctOptionIds()).containsExactly("a");
        assertThat(keys.get(0).optionIds()).containsExactly("a", "b");
        assertThat(keys.get(1).acceptedAnswers()).containsExactly("Pacific", "Pacific Ocean");
        assertThat(keys.get(1).points()).isEqualTo(2000);
        assertThat(new GameEventsListener().handles(event.type())).isTrue();
    }

    @Test
    void readsThePublishedAnswerReceivedExample() {
        EventEnvelope event = EventCodec.decode(ContractValidator.example(EventTypes.GAME_ANSWER_RECEIVED));
        AnswerReceived answer = EventCodec.payloadFromJson(event, AnswerReceived.class);
        assertThat(answer.answerId()).isEqualTo(event.id());
        assertThat(answer.optionIds()).containsExactly("a");
        assertThat(answer.receivedAt()).isEqualTo(AT);
        assertThat(answer.shownAt()).isEqualTo(Instant.parse("2026-11-25T10:16:04.020Z"));
    }

    @Test
    void readsAnAnswerWithoutShownAtAsOneThatWasNotStamped() {
        String older = ContractValidator.example(EventTypes.GAME_ANSWER_RECEIVED)
                .replaceAll(",\\s*\"shownAt\": \"[^\"]*\"", "");
        AnswerReceived answer = EventCodec.payloadFromJson(EventCodec.decode(older), AnswerReceived.class);
        assertThat(answer.shownAt()).isNull();
        assertThat(answer.receivedAt()).isEqualTo(AT);
    }

    @Test
    void whatItPublishesHonoursTheSchemas() {
        String answerId = UUID.randomUUID().toString();
        String player = UUID.randomUUID().toString();
        assertValid(EventTypes.ANSWER_SUBMITTED, new AnswerSubmitted(answerId, GAME, player, 0, List.of("a"), null, true, 1, 0, 1,
                1234, 20, 1000, AT));
        assertValid(EventTypes.ANSWER_SUBMITTED, new AnswerSubmitted(answerId, GAME, player, 1, List.of(), "Pacific", null, 0, 0, 0,
                0, 30, 0, AT));
        assertValid(EventTypes.ANSWER_REJECTED, new AnswerRejected(answerId, GAME, player, 0, "already-answered",
                "You have already answered this question; your first answer counts.", AT));
        assertValid(EventTypes.ANSWER_QUESTION_TALLIED, new QuestionTallied(GAME, 0, 3, 2,
                List.of(new QuestionTallied.OptionCount("a", 2), new QuestionTallied.OptionCount("b", 1)),
                List.of(new QuestionTallied.TextCount("Pacific", 1)), AT));
    }

    private static void assertValid(String type, Object payload) {
        String wire = EventCodec.encode(EventEnvelope.newEvent(type, "answer", GAME, 3, AT, EventCodec.payloadToJson(payload)));
        assertThat(ContractValidator.violations(wire)).as(wire).isEmpty();
    }
}
