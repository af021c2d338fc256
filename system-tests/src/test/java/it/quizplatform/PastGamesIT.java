package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.microshed.testing.jupiter.MicroShedTest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static it.quizplatform.QuizAuthoringIT.POLL;
import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A host's games, newest first ({@code GET /quiz/api/games?scope=mine}): only their own, paged like the quiz list,
 * each with its quiz, phase, players and times, so a host can find yesterday's game again.
 */
@MicroShedTest
public class PastGamesIT {

    private static String ada;
    private static String grace;
    private static String adaQuiz;
    private static final List<String> adaGames = new ArrayList<>(); // oldest first
    private static String graceGame;

    @BeforeAll
    static void twoHostsWithGames() {
        ada = Platform.registerAndLogin(Platform.uniqueEmail("ada"), "Ada");
        grace = Platform.registerAndLogin(Platform.uniqueEmail("grace"), "Grace");
        adaQuiz = publishedQuiz(ada, "Ada's Quiz");
        for (int i = 0; i < 3; i++) {
            adaGames.add(newGame(ada, adaQuiz));
        }
        graceGame = newGame(grace, publishedQuiz(grace, "Grace's Quiz"));
    }

    @Test
    void aHostSeesOnlyTheirOwnGamesNewestFirst() {
        JsonNode page = list(ada, "");
        assertThat(ids(page)).containsSubsequence(adaGames.get(2), adaGames.get(1), adaGames.get(0)).doesNotContain(graceGame);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        List<Instant> created = new ArrayList<>();
        page.get("items").forEach(game -> {
            assertThat(game.get("quizId").asText()).isEqualTo(adaQuiz);
            assertThat(game.get("quizTitle").asText()).isEqualTo("Ada's Quiz");
            created.add(Instant.parse(game.get("createdAt").asText()));
        });
        assertThat(created).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode lobby = page.get("items").get(ids(page).indexOf(adaGames.get(0)));
        assertThat(lobby.get("phase").asText()).isEqualTo("lobby");
        assertThat(lobby.get("playerCount").asInt()).isZero();
        assertThat(lobby.get("startedAt") == null || lobby.get("startedAt").isNull()).as("not started yet").isTrue();

        assertThat(ids(list(grace, "?scope=mine"))).containsExactly(graceGame);
    }

    @Test
    void eachGameShowsItsPlayersAndWhenItStartedAndEnded() {
        String game = newGame(ada, adaQuiz);
        adaGames.add(game);
        String pin = send("GET", "/quiz/api/games/" + game, null, ada, null).json().get("pin").asText();
        assertThat(GameLobbyIT.join(pin, "Lin").status()).isEqualTo(201);
        assertThat(GameLobbyIT.join(pin, "Kay").status()).isEqualTo(201);
        assertThat(send("POST", "/quiz/api/games/" + game + "/start", null, ada, null).status()).isEqualTo(200);
        assertThat(send("POST", "/quiz/api/games/" + game + "/end", null, ada, null).status()).isEqualTo(200);

        JsonNode listed = list(ada, "?size=1").get("items").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(game);
        assertThat(listed.get("playerCount").asInt()).isEqualTo(2);
        assertThat(listed.get("phase").asText()).isEqualTo("ended");
        Instant started = Instant.parse(listed.get("startedAt").asText());
        assertThat(Instant.parse(listed.get("endedAt").asText())).isAfterOrEqualTo(started);
        assertThat(started).isAfterOrEqualTo(Instant.parse(listed.get("createdAt").asText()));
    }

    @Test
    void pagesFollowTheQuizListsShape() {
        List<String> all = ids(list(ada, "?size=100"));
        JsonNode first = list(ada, "?page=0&size=2");
        JsonNode second = list(ada, "?page=1&size=2");
        assertThat(first.get("size").asInt()).isEqualTo(2);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, Math.min(4, all.size())));
        assertThat(ids(list(ada, "?page=50&size=2"))).isEmpty();
    }

    @Test
    void anAdminMaySeeEveryHostsGamesButAHostMayNot() {
        assertThat(send("GET", "/quiz/api/games?scope=all", null, ada, null).status()).isEqualTo(403);
        List<String> everyone = ids(list(Platform.adminToken(), "?scope=all&size=100"));
        assertThat(everyone).contains(graceGame); // the newest 100 of the whole stack hold this class's games
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"?page=abc, page", "?page=-1, page", "?size=0, size", "?size=101, size", "?size=1e3, size",
            "?scope=everyone, scope", "?page=4294967296, page"})
    void badParametersAre400NamingThem(String query, String field) {
        Platform.Reply reply = send("GET", "/quiz/api/games" + query, null, ada, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).contains(field);
    }

    @Test
    void listingNeedsAToken() {
        assertThat(Platform.get("/quiz/api/games").status()).isEqualTo(401);
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static String publishedQuiz(String token, String title) {
        String quiz = QuizAuthoringIT.create(token, title).get("id").asText();
        send("POST", "/quiz/api/quizzes/" + quiz + "/questions", SINGLE, token, "\"1\"");
        send("POST", "/quiz/api/quizzes/" + quiz + "/questions", POLL, token, "\"2\"");
        assertThat(send("POST", "/quiz/api/quizzes/" + quiz + "/publish", null, token, "\"3\"").status()).isEqualTo(200);
        return quiz;
    }

    static String newGame(String token, String quizId) {
        Platform.Reply created = send("POST", "/quiz/api/games", "{\"quizId\":\"" + quizId + "\"}", token, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static JsonNode list(String token, String query) {
        Platform.Reply reply = send("GET", "/quiz/api/games" + query, null, token, null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }
}
