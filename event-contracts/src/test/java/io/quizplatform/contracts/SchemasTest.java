package io.quizplatform.contracts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemasTest {

    @Test
    void publishedExampleHonoursItsSchemas() {
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.USER_REGISTERED))).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.USER_PROFILE_UPDATED))).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.USER_SESSIONS_REVOKED))).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.GAME_CREATED))).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.GAME_ANSWER_RECEIVED))).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.SCORE_QUESTION_SCORED))).isEmpty();
        assertThat(ContractValidator.violations(ContractValidator.example(EventTypes.GAME_FINALIZED))).isEmpty();
    }

    @Test
    void everyKnownTypeHasAPayloadSchema() {
        for (String type : EventTypes.all()) {
            assertThat(SchemasTest.class.getResource(EventTypes.payloadSchemaResource(type))).as(type).isNotNull();
        }
    }

    @Test
    void missingPayloadFieldIsReported() {
        String broken = ContractValidator.example(EventTypes.USER_REGISTERED).replace("\"displayName\": \"Ada Lovelace\",", "");
        assertThat(ContractValidator.violations(broken)).anySatisfy(v -> assertThat(v).contains("displayName"));
    }

    @Test
    void badEnvelopeIsReported() {
        String broken = ContractValidator.example(EventTypes.USER_REGISTERED).replace("\"version\": 1", "\"version\": 0");
        assertThat(ContractValidator.violations(broken)).anySatisfy(v -> assertThat(v).contains("version"));
        assertThat(ContractValidator.violations("{nope")).singleElement().asString().startsWith("not JSON");
    }

    @Test
    void deadLetterTopicsAreNamedPerConsumer() {
        assertThat(Topic.USER_EVENTS.deadLetterTopicFor("quiz-app")).isEqualTo("user-events.quiz-app.dlq");
        assertThatThrownBy(() -> Topic.USER_EVENTS.deadLetterTopicFor("Bad Group")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Topic.byName("quiz-events").partitions()).isEqualTo(6);
        assertThat(Topic.USER_EVENTS.cleanup()).isEqualTo(Topic.Cleanup.COMPACT);
    }

    @Test
    void envelopeRejectsVersionZero() {
        assertThatThrownBy(() -> EventEnvelope.newEvent("user.registered", "user", "u1", 0, java.time.Instant.now(), "{}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
