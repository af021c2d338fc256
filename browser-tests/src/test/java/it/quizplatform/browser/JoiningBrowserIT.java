package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a player is told when joining goes wrong: a PIN of no game, a nickname someone already has. The page joins on
 * the join socket, so a refusal is a message on it, not a failed request, and the next try goes on the same socket.
 */
class JoiningBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void aWrongPinIsExplainedNextToThePinField() {
        Person ada = browsers.onPhone("ada");

        ada.open("/play/?pin=000001");
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();

        assertThat(ada.byTestId("pin-error")).hasText("No game is running with this PIN. Check the PIN on the big screen.");
        assertThat(ada.byTestId("pin-input")).hasAttribute("aria-invalid", "true");
        ada.screenshot("wrong PIN");
        ada.seesAnAccessiblePage("join form with a wrong PIN");
    }

    @Test
    void aTakenNicknameIsExplainedInThePlayersLanguage() {
        Api.Host host = Api.registerHost("Joining Host");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Joining", Api.singleChoice("One?", 20, "Yes", "No")));
        Person ada = browsers.onPhone("ada");
        Person lan = browsers.onPhone("lan", "vi-VN");
        java.util.List<String> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();
        lan.page().onWebSocket(socket -> sockets.add(socket.url()));

        ada.open("/play/?pin=" + game.pin());
        ada.byTestId("nickname-input").fill("Ada");
        ada.byTestId("join-button").click();
        assertThat(ada.byTestId("lobby")).isVisible();

        lan.open("/play/?pin=" + game.pin());
        lan.byTestId("nickname-input").fill("ada");
        lan.byTestId("join-button").click();
        assertThat(lan.byTestId("nickname-error"))
                .hasText("Đã có người trong trò chơi dùng biệt danh này. Hãy chọn biệt danh khác.");
        lan.screenshot("nickname taken, in Vietnamese");
        lan.seesAnAccessiblePage("join form with a taken nickname");

        lan.byTestId("nickname-input").fill("Lan");
        lan.byTestId("join-button").click();
        assertThat(lan.byTestId("lobby")).isVisible();
        org.assertj.core.api.Assertions.assertThat(sockets).as("one socket from the first try to the lobby")
                .singleElement().asString().endsWith("/quiz/ws/join");
    }
}
