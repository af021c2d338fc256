package it.quizplatform.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A host whose browser speaks Vietnamese is told why the APIs refused something in Vietnamese, never in the
 * services' English: a password too short, an e-mail address already taken, a quiz without a title, a quiz
 * published without questions.
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

    /** Puts the host's session into the person's browser as the sign-in page would. */
    private static void signedIn(Person person, Api.Host host) {
        ObjectNode session = Api.JSON.createObjectNode().put("accessToken", host.accessToken())
                .put("expiresAt", Instant.now().plusSeconds(3000).toString());
        session.putObject("user").put("displayName", host.displayName());
        person.open("/");
        person.page().evaluate("s => localStorage.setItem('qp.session', s)", session.toString());
    }
}
