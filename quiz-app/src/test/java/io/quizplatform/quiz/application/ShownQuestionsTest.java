package io.quizplatform.quiz.application;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The first moment a player was shown a question is kept; nothing later restarts their clock. */
class ShownQuestionsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private final ShownQuestions shown = new ShownQuestions();

    @Test
    void aReconnectKeepsTheFirstMoment() {
        shown.shown("g", 0, "ada", T0.plusMillis(300));
        shown.shown("g", 0, "ada", T0.plusMillis(2500));
        assertThat(shown.shownAt("g", 0, "ada")).contains(T0.plusMillis(300));
    }

    @Test
    void anEarlierWriteFinishingLastStillWins() {
        // Two connections of the player (two tabs) written on two pool threads, the later stamp recorded first.
        shown.shown("g", 0, "ada", T0.plusMillis(900));
        shown.shown("g", 0, "ada", T0.plusMillis(400));
        assertThat(shown.shownAt("g", 0, "ada")).contains(T0.plusMillis(400));
    }

    @Test
    void eachPlayerHasTheirOwnMoment() {
        shown.shown("g", 0, "ada", T0);
        shown.shown("g", 0, "bob", T0.plusMillis(1500));
        assertThat(shown.shownAt("g", 0, "ada")).contains(T0);
        assertThat(shown.shownAt("g", 0, "bob")).contains(T0.plusMillis(1500));
        assertThat(shown.shownAt("g", 0, "cy")).isEmpty();
        assertThat(shown.shownAt("other", 0, "ada")).isEmpty();
    }

    @Test
    void theNextQuestionStartsAfreshAndAnOlderOneIsNotBroughtBack() {
        shown.shown("g", 0, "ada", T0);
        shown.shown("g", 1, "ada", T0.plusSeconds(30));
        assertThat(shown.shownAt("g", 1, "ada")).contains(T0.plusSeconds(30));
        assertThat(shown.shownAt("g", 0, "ada")).as("only the newest question is kept").isEmpty();
        // A write of question 0 finishing late must not replace question 1's moments.
        shown.shown("g", 0, "bob", T0.plusSeconds(1));
        assertThat(shown.shownAt("g", 1, "ada")).contains(T0.plusSeconds(30));
        assertThat(shown.shownAt("g", 0, "bob")).isEmpty();
    }

    @Test
    void anEndedGameIsForgotten() {
        shown.shown("g", 0, "ada", T0);
        shown.forget("g");
        assertThat(shown.shownAt("g", 0, "ada")).isEmpty();
    }

    @Test
    void concurrentWritesKeepTheEarliest() {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 999; i >= 0; i--) {
            int ms = i;
            writes.add(CompletableFuture.runAsync(() -> shown.shown("g", 0, "ada", T0.plusMillis(ms))));
        }
        writes.forEach(CompletableFuture::join);
        assertThat(shown.shownAt("g", 0, "ada")).contains(T0);
    }
}
