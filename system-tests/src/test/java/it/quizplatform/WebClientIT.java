package it.quizplatform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web client's files as any HTTP client gets them, including one that asks to upgrade to HTTP/2 (h2c, as Java's
 * HttpClient and curl --http2 do): every page answers, with the page security headers. (The browser tests drive the
 * pages themselves.)
 */
class WebClientIT {

    private static final HttpClient HTTP2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP2.send(HttpRequest.newBuilder(URI.create(Platform.baseUrl() + path)).timeout(Duration.ofSeconds(15)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/play/", "/host/", "/host/quizzes.html", "/js/play.js", "/css/app.css", "/i18n/vi/play.json"})
    void everyFileOfTheClientAnswersWithThePageHeaders(String path) throws Exception {
        HttpResponse<String> page = get(path);

        assertThat(page.statusCode()).as(path).isEqualTo(200);
        assertThat(page.body()).isNotBlank();
        assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/play/nope/", "/host/nope.html"})
    void anUnknownPathGetsTheNotFoundPage(String path) throws Exception {
        HttpResponse<String> page = get(path);

        assertThat(page.statusCode()).as(path).isEqualTo(404);
        assertThat(page.body()).contains("Not found").doesNotContain("Exception");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/WEB-INF/web.xml", "/host/../WEB-INF/web.xml", "/META-INF/MANIFEST.MF"})
    void theApplicationsOwnFilesAreNotServed(String path) throws Exception {
        HttpResponse<String> page = get(path);

        assertThat(page.statusCode()).as(path).isEqualTo(404);
        assertThat(page.body()).doesNotContain("<web-app").doesNotContain("Manifest-Version").doesNotContain("Exception");
    }

    @Test
    void theJoinAddressBecomesAQrCodeDrawnHere() throws Exception {
        String address = URLEncoder.encode("http://localhost:9080/play/?pin=123456", StandardCharsets.UTF_8);
        HttpResponse<String> qr = get("/qr.svg?text=" + address);
        assertThat(qr.statusCode()).isEqualTo(200);
        assertThat(qr.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(qr.body()).startsWith("<svg").doesNotContain("<script");

        HttpResponse<String> refused = get("/qr.svg?text=");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"field\":\"text\"");
    }
}
