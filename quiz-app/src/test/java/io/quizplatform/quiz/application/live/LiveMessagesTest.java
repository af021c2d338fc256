package io.quizplatform.quiz.application.live;

import io.quizplatform.quiz.application.live.ServerMessage.YourAnswer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.quizplatform.quiz.application.live.LiveMessages.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The texts on the wire, byte for byte as the hand-built JSON wrote them: members, their order, absent ones. */
class LiveMessagesTest {

    @Test
    void aPlayersLineWithEveryFieldAndWithout() {
        assertThat(json(new ServerMessage.Score(3, 1450, 200, 5230, 17, 10000, true, true, 4, new ServerMessage.Ahead("Grace", 5400))))
                .isEqualTo("{\"type\":\"score\",\"questionIndex\":3,\"points\":1450,\"bonus\":200,\"total\":5230,\"rank\":17,"
                        + "\"players\":10000,\"answered\":true,\"correct\":true,\"streak\":4,\"ahead\":{\"nickname\":\"Grace\",\"total\":5400}}");
        assertThat(json(new ServerMessage.Score(0, 0, 0, 900, 1, 2, false, null, 0, null)))
                .isEqualTo("{\"type\":\"score\",\"questionIndex\":0,\"points\":0,\"bonus\":0,\"total\":900,\"rank\":1,"
                        + "\"players\":2,\"answered\":false,\"streak\":0}");
    }

    @Test
    void nicknamesAreEscaped() {
        assertThat(json(new ServerMessage.Score(0, 0, 0, 0, 2, 2, false, null, 0, new ServerMessage.Ahead("A\"b\\c\n\u0001</script>Zoë", 1))))
                .contains("\"ahead\":{\"nickname\":\"A\\\"b\\\\c\\n\\u0001</script>Zoë\",\"total\":1}");
    }

    @Test
    void errorsAndRefusalsNameTheFieldOnlyWhenOneIsAtFault() {
        assertThat(json(new ServerMessage.Error("slow-down", null, "At most 10 messages a second.")))
                .isEqualTo("{\"type\":\"error\",\"code\":\"slow-down\",\"message\":\"At most 10 messages a second.\"}");
        assertThat(json(new ServerMessage.AnswerRefused(-1, "invalid-answer", "questionIndex", "No.")))
                .isEqualTo("{\"type\":\"answer-refused\",\"questionIndex\":-1,\"reason\":\"invalid-answer\",\"field\":\"questionIndex\",\"message\":\"No.\"}");
        assertThat(json(new ServerMessage.AnswerReceived("x", 0, "2026-11-25T10:00:00Z", 1840)))
                .isEqualTo("{\"type\":\"answer-received\",\"answerId\":\"x\",\"questionIndex\":0,\"receivedAt\":\"2026-11-25T10:00:00Z\","
                        + "\"responseMs\":1840,\"message\":\"Answer received.\"}");
        assertThat(json(new ServerMessage.AnswerNotSaved(2))).as("names the question, so a late one is not taken for a later answer's")
                .isEqualTo("{\"type\":\"error\",\"code\":\"answer-not-saved\",\"questionIndex\":2,"
                        + "\"message\":\"Your answer could not be saved; send it again.\"}");
        assertThat(json(new ServerMessage.Pong("2026-11-25T10:00:00Z"))).isEqualTo("{\"type\":\"pong\",\"serverTime\":\"2026-11-25T10:00:00Z\"}");
    }

    @Test
    void aPlayersAnswerIsNullWhenThereIsNoneAndLeftOutWhenNoQuestionRuns() {
        ServerMessage.PlayerState running = new ServerMessage.PlayerState("welcome", "g", "closed", 0, 1, 2, "now", null, null, null,
                null, null, "time-up", new ServerMessage.You("p", "Ada", null, null), false, YourAnswer.NONE, null, null);
        assertThat(json(running)).isEqualTo("{\"type\":\"welcome\",\"gameId\":\"g\",\"phase\":\"closed\",\"questionIndex\":0,"
                + "\"questionCount\":1,\"playerCount\":2,\"serverTime\":\"now\",\"closeReason\":\"time-up\","
                + "\"you\":{\"playerId\":\"p\",\"nickname\":\"Ada\"},\"answered\":false,\"yourAnswer\":null}");
        ServerMessage.PlayerState answered = new ServerMessage.PlayerState("welcome", "g", "closed", 0, 1, 2, "now", null, null, null,
                null, null, null, null, true, new YourAnswer(List.of("a"), null, true), null, null);
        assertThat(json(answered)).endsWith("\"answered\":true,\"yourAnswer\":{\"optionIds\":[\"a\"],\"correct\":true}}");
        ServerMessage.PlayerState lobby = new ServerMessage.PlayerState("state", "g", "lobby", -1, 1, 2, "now", null, null, null,
                null, null, null, null, null, null, null, null);
        assertThat(json(lobby)).isEqualTo("{\"type\":\"state\",\"gameId\":\"g\",\"phase\":\"lobby\",\"questionIndex\":-1,"
                + "\"questionCount\":1,\"playerCount\":2,\"serverTime\":\"now\"}");
    }

    @Test
    void resultsAndPodiumAreWrittenOnceAndEachPlayersPartSplicedIn() {
        String results = json(new ServerMessage.Results(0, 3, 2, List.of(new ServerMessage.OptionCount("a", 2)), List.of(),
                new ServerMessage.Correct(List.of("a"), List.of())));
        assertThat(results).isEqualTo("{\"type\":\"results\",\"questionIndex\":0,\"answered\":3,\"correctCount\":2,"
                + "\"distribution\":[{\"optionId\":\"a\",\"count\":2}],\"textAnswers\":[],\"correct\":{\"optionIds\":[\"a\"],\"acceptedAnswers\":[]}}");
        assertThat(LiveMessages.with(results, "yourAnswer", LiveMessages.part(YourAnswer.NONE))).endsWith("[]},\"yourAnswer\":null}");
        assertThat(LiveMessages.with(results, "yourAnswer", LiveMessages.part(new YourAnswer(List.of("b"), null, false))))
                .endsWith(",\"yourAnswer\":{\"optionIds\":[\"b\"],\"correct\":false}}");
        String podium = json(new ServerMessage.Podium(50, List.of(new ServerMessage.Leader(1, "p", "Ada", 900, 1))));
        assertThat(LiveMessages.with(podium, "you", LiveMessages.part(new ServerMessage.Finish(4, 8123))))
                .isEqualTo("{\"type\":\"podium\",\"players\":50,\"podium\":[{\"rank\":1,\"playerId\":\"p\",\"nickname\":\"Ada\","
                        + "\"total\":900,\"correctAnswers\":1}],\"you\":{\"rank\":4,\"total\":8123}}");
    }
}
