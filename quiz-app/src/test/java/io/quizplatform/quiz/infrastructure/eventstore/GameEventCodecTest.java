package io.quizplatform.quiz.infrastructure.eventstore;

import io.quizplatform.contracts.AnswerReceived;
import io.quizplatform.contracts.ContractValidator;
import io.quizplatform.contracts.EventEnvelope;
import io.quizplatform.contracts.EventTypes;
import io.quizplatform.platform.messaging.EventCodec;
import io.quizplatform.quiz.domain.game.Game;
import io.quizplatform.quiz.domain.game.GameEvent;
import io.quizplatform.quiz.domain.game.GamePin;
import io.quizplatform.quiz.domain.game.GameQuestion;
import io.quizplatform.quiz.domain.quiz.AnswerOption;
import io.quizplatform.quiz.domain.quiz.QuestionType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Producer side of the game contracts: every game event quiz-app writes, and the answers it forwards. */
class GameEventCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void everyGameEventSurvivesTheRoundTripAndHonoursItsSchema() {
        String gameId = UUID.randomUUID().toString();
        Game game = Game.create(gameId, UUID.randomUUID().toString(), "host-1", new GamePin("123456"), List.of(
                new GameQuestion("q1", QuestionType.SINGLE_CHOICE, "2 + 2?", "https://img.example/x.png", 20, 1000,
                        List.of(new AnswerOption("a", "4", true), new AnswerOption("b", "5", false)), List.of()),
                new GameQuestion("q2", QuestionType.TYPE_ANSWER, "Largest ocean?", null, 30, 2000, List.of(), List.of("Pacific"))),
                true, false, false, 100, T0);
        String player = UUID.randomUUID().toString();
        game.join(player, "Ada", T0);
        game.join(UUID.randomUUID().toString(), "Bob", T0);
        game.start(T0);
        game.openIfDue(T0.plusSeconds(3));
        game.closeIfDue(T0.plusSeconds(23));
        game.kick(player, T0.plusSeconds(24));
        game.end(T0.plusSeconds(25));

        long version = 0;
        for (GameEvent event : game.pendingEvents()) {
            String json = GameEventCodec.toJson(event);
            assertThat(GameEventCodec.fromJson(event.type(), json)).isEqualTo(event);
            String wire = EventCodec.encode(new EventEnvelope(UUID.randomUUID().toString(), event.type(), "game", gameId,
                    ++version, T0, json));
            assertThat(ContractValidator.violations(wire)).as(event.type() + ": " + json).isEmpty();
        }
        assertThat(game.pendingEvents().stream().map(GameEvent::type).distinct()).hasSize(8);
    }

    @Test
    void forwardedAnswersHonourTheirSchema() {
        String gameId = UUID.randomUUID().toString();
        String answerId = UUID.randomUUID().toString();
        for (AnswerReceived answer : List.of(
                new AnswerReceived(answerId, gameId, UUID.randomUUID().toString(), 0, List.of("a"), null, T0, T0.minusMillis(800)),
                new AnswerReceived(answerId, gameId, UUID.randomUUID().toString(), 0, List.of("a"), null, T0, null),
                new AnswerReceived(answerId, gameId, UUID.randomUUID().toString(), 1, List.of(), "Pacific", T0, null))) {
            String wire = EventCodec.encode(new EventEnvelope(answerId, EventTypes.GAME_ANSWER_RECEIVED, "answer", gameId, 1, T0,
                    EventCodec.payloadToJson(answer)));
            assertThat(ContractValidator.violations(wire)).as(wire).isEmpty();
        }
    }
}
