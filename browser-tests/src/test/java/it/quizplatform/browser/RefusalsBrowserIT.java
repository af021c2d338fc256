package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Route;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host whose browser speaks Vietnamese is told why the APIs refused something in Vietnamese, never in the
 * services' English: a password too short, an e-mail address already taken, a quiz without a title, a quiz
 * published without questions, a refusal the page has never heard of, a field error known only by its code, a
 * command the game socket refused (by the game's rule it names).
 */
class RefusalsBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    @Test
    void aVietnameseHostIsToldWhySigningUpWasRefused() {
        Api.Host taken = Api.registerHost("Taken Host");
        Person lan = vietnameseHost();

        lan.open("/host/?mode=sign-up");
        signUp(lan, taken.email(), "short123");
        assertThat(lan.byTestId("sign-up-password-error")).hasText("Hãy dùng ít nhất 10 ký tự (mật khẩu này có 8).");

        signUp(lan, taken.email(), Api.PASSWORD);
        assertThat(lan.byTestId("sign-up-email-error")).hasText("Địa chỉ e-mail này đã có tài khoản.");
        lan.screenshot("sign-up refused, in Vietnamese");
        lan.seesAnAccessiblePage("sign-up form with a taken e-mail address");
    }

    @Test
    void aVietnameseHostIsToldWhatTheQuizLacks() {
        Person lan = vietnameseHost();
        signedIn(lan, Api.registerHost("Lan"));

        lan.open("/host/quizzes.html");
        lan.byTestId("create-quiz").click();
        assertThat(lan.byTestId("new-quiz-title-error")).hasText("Bộ câu đố cần có tiêu đề.");

        lan.byTestId("new-quiz-title").fill("Chưa có câu hỏi");
        lan.byTestId("create-quiz").click();
        lan.byTestId("publish").click();
        assertThat(lan.byTestId("publish-errors").locator("p")).hasText("Một số nội dung chưa đúng quy tắc của bộ câu đố.");
        assertThat(lan.byTestId("publish-errors").locator("li")).hasText("Câu hỏi: Hãy thêm ít nhất một câu hỏi trước khi xuất bản.");
        lan.screenshot("publishing refused, in Vietnamese");
    }

    @Test
    void aRefusalThePageDoesNotKnowIsSaidInGeneralVietnameseNotInEnglish() {
        Person lan = vietnameseHost();
        signedIn(lan, Api.registerHost("Lan"));
        // Creating a quiz draws no refusal from today's services that the page does not know, so the browser is
        // given one a later version might send; the page's own code (js/refusals.js) has to fall back.
        refusesCreatingQuizzes(lan, 409, Api.JSON.createObjectNode().put("title", "Quota reached").put("status", 409)
                .put("detail", "You have 500 quizzes already; archive one first.").toString());

        createsAQuiz(lan, "Thêm một bộ nữa");
        assertThat(lan.byTestId("create-error")).hasText("Hiện không thể làm việc này.");
    }

    @Test
    void aFieldErrorWhoseWordingThePageDoesNotKnowIsSaidByItsCode() {
        Person lan = vietnameseHost();
        signedIn(lan, Api.registerHost("Lan"));
        // A later quiz-app words the title's rule differently; its code, "too-long", is what the page goes by.
        ObjectNode problem = Api.JSON.createObjectNode().put("title", "Quiz rule broken").put("status", 400)
                .put("detail", "title: exceeds the allowed length");
        problem.putArray("errors").addObject().put("field", "title").put("code", "too-long").put("message", "exceeds the allowed length");
        refusesCreatingQuizzes(lan, 400, problem.toString());

        createsAQuiz(lan, "Một tiêu đề rất dài");
        assertThat(lan.byTestId("new-quiz-title-error")).hasText("Nội dung này quá dài.");
    }

    @Test
    void aVietnameseBigScreenIsToldWhyTheGameRefusedItsCommand() {
        Api.Host host = Api.registerHost("Lan");
        Api.Game game = Api.newGame(host, Api.publishedQuiz(host, "Thủ đô", Api.singleChoice("Thủ đô của Việt Nam?", 20, "Hà Nội", "Huế")));
        Person screen = browsers.person("big screen", Device.BIG_SCREEN, "vi-VN");
        signedIn(screen, host);
        screen.open("/host/game.html?id=" + game.id());
        assertThat(screen.byTestId("game-pin")).hasText(game.pin());

        // While the big screen asks "end the game?", the host ends it from another device; the screen's own "end"
        // then reaches an ended game, and the socket refuses it (in English, "This game has already ended.").
        whileConfirming(screen, () -> Api.post("/quiz/api/games/" + game.id() + "/end", null, host.accessToken())
                .expect(200, "ending the game elsewhere"));
        screen.byTestId("end-game").click();
        assertThat(screen.byTestId("announcer")).hasText("Trò chơi đã kết thúc.");
        screen.screenshot("end refused on the socket, in Vietnamese");
    }

    /** A laptop whose browser speaks Vietnamese; the refusals' failed requests are expected in its console. */
    private static Person vietnameseHost() {
        Person lan = browsers.onLaptop("Lan", "vi-VN");
        lan.expectsProblem("status of 400");
        lan.expectsProblem("status of 409");
        return lan;
    }

    private static void signUp(Person person, String email, String password) {
        person.byTestId("sign-up-email").fill(email);
        person.byTestId("sign-up-name").fill("Lan");
        person.byTestId("sign-up-password").fill(password);
        person.byTestId("sign-up-submit").click();
    }

    /** The person creates a quiz with this title from the library. */
    private static void createsAQuiz(Person person, String title) {
        person.open("/host/quizzes.html");
        person.byTestId("new-quiz-title").fill(title);
        person.byTestId("create-quiz").click();
    }

    /** The quiz API answers the person's quiz creations with this refusal (problem+json). */
    private static void refusesCreatingQuizzes(Person person, int status, String problem) {
        person.page().route("**/quiz/api/quizzes", route -> {
            if (!"POST".equals(route.request().method())) {
                route.fallback();
                return;
            }
            route.fulfill(new Route.FulfillOptions().setStatus(status).setContentType("application/problem+json").setBody(problem));
        });
    }

    /** Runs {@code meanwhile} while the page's next confirm() dialog is open, then says yes to it. */
    private static void whileConfirming(Person person, Runnable meanwhile) {
        person.page().onceDialog(dialog -> {
            meanwhile.run();
            dialog.accept();
        });
    }

    /** Puts the host's session into the person's browser as the sign-in page would. */
    private static void signedIn(Person person, Api.Host host) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", host.accessToken())
                .put("expiresAt", Instant.now().plusSeconds(3000).toString());
        session.putObject("user").put("displayName", host.displayName());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
