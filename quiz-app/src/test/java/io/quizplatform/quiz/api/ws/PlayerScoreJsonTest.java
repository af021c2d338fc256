package io.quizplatform.quiz.api.ws;

import io.quizplatform.contracts.QuestionScored.Ahead;
import io.quizplatform.quiz.application.LiveScores.PlayerScore;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class PlayerScoreJsonTest {

    @Test
    void aPlayersLineWithEveryField() {
        JsonObject json = parse(PlayerScoreJson.score(new PlayerScore(3, 10000, 1450, 200, 5230, 17, true, true, 4,
                new Ahead("Grace", 5400))));

        assertThat(json.getString("type")).isEqualTo("score");
        assertThat(json.getInt("questionIndex")).isEqualTo(3);
        assertThat(json.getInt("points")).isEqualTo(1450);
        assertThat(json.getInt("bonus")).isEqualTo(200);
        assertThat(json.getInt("total")).isEqualTo(5230);
        assertThat(json.getInt("rank")).isEqualTo(17);
        assertThat(json.getInt("players")).isEqualTo(10000);
        assertThat(json.getBoolean("answered")).isTrue();
        assertThat(json.getBoolean("correct")).isTrue();
        assertThat(json.getInt("streak")).isEqualTo(4);
        assertThat(json.getJsonObject("ahead").getString("nickname")).isEqualTo("Grace");
        assertThat(json.getJsonObject("ahead").getInt("total")).isEqualTo(5400);
        assertThat(json.keySet()).containsExactly("type", "questionIndex", "points", "bonus", "total", "rank", "players",
                "answered", "correct", "streak", "ahead");
    }

    @Test
    void theLeaderHasNobodyAheadAndAPollOrNoAnswerIsNeitherRightNorWrong() {
        JsonObject json = parse(PlayerScoreJson.score(new PlayerScore(0, 2, 0, 0, 900, 1, null, false, 0, null)));

        assertThat(json.containsKey("ahead")).isFalse();
        assertThat(json.containsKey("correct")).isFalse();
        assertThat(json.getBoolean("answered")).isFalse();
        assertThat(json.getInt("rank")).isEqualTo(1);
    }

    @Test
    void aWrongAnswerSaysSo() {
        assertThat(parse(PlayerScoreJson.score(new PlayerScore(0, 2, 0, 0, 0, 2, false, true, 0, new Ahead("Ada", 900))))
                .getBoolean("correct")).isFalse();
    }

    @Test
    void nicknamesAreEscaped() {
        String nasty = "A\"b\\c\n\u0001</script>Zoë";
        JsonObject json = parse(PlayerScoreJson.score(new PlayerScore(0, 2, 0, 0, 0, 2, null, false, 0, new Ahead(nasty, 1))));

        assertThat(json.getJsonObject("ahead").getString("nickname")).isEqualTo(nasty);
    }

    @Test
    void whereThePlayerFinished() {
        JsonObject you = parse(PlayerScoreJson.you(new PlayerScore(9, 50, 0, 0, 8123, 4, true, true, 2, null)));

        assertThat(you.keySet()).containsExactly("rank", "total");
        assertThat(you.getInt("rank")).isEqualTo(4);
        assertThat(you.getInt("total")).isEqualTo(8123);
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
