package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.microshed.testing.jupiter.MicroShedTest;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HexFormat;

import static it.quizplatform.QuizAuthoringIT.SINGLE;
import static it.quizplatform.QuizAuthoringIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Question images: a host uploads a picture, gets its content address, and any phone fetches it without a token.
 * What is not really a PNG, JPEG, GIF or WebP (or is too big) is refused with nothing stored; metadata never
 * leaves the server; a quiz's export carries its pictures and an import on another installation stores them.
 */
@MicroShedTest
public class ImagesIT {

    private static String host;

    @BeforeAll
    static void host() {
        host = Platform.registerAndLogin(Platform.uniqueEmail("pictures"), "Picture Host");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"image/png, png", "image/jpeg, jpeg", "image/gif, gif", "image/webp, webp"})
    void aPictureIsStoredUnderItsHashAndServedToAnyoneWithCachingHeaders(String mediaType, String format) {
        byte[] picture = format.equals("webp") ? TestImages.WEBP : TestImages.picture(format, 48, 32);

        ImageClient.Answer created = ImageClient.upload(host, mediaType, picture);
        assertThat(created.status()).as(created.text()).isIn(200, 201); // the hand-made WebP may be there from an earlier run
        JsonNode image = created.json();
        String id = image.get("id").asText();
        assertThat(id).matches("[0-9a-f]{64}");
        assertThat(image.get("url").asText()).isEqualTo("/quiz/api/images/" + id);
        assertThat(image.get("mediaType").asText()).isEqualTo(mediaType);
        assertThat(image.get("width").asInt()).isEqualTo(format.equals("webp") ? 1 : 48);
        assertThat(image.get("height").asInt()).isEqualTo(format.equals("webp") ? 1 : 32);
        assertThat(created.header("Location")).endsWith("/quiz/api/images/" + id);

        ImageClient.Answer served = ImageClient.fetch(image.get("url").asText(), null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.header("Content-Type")).isEqualTo(mediaType);
        assertThat(served.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(served.header("ETag")).isEqualTo("\"" + id + "\"");
        assertThat(served.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(served.header("Content-Disposition")).startsWith("inline");
        assertThat(sha256(served.body())).isEqualTo(id);
        assertThat(served.body().length).isEqualTo(image.get("bytes").asInt());
    }

    @Test
    void aBrowserHoldingTheImageIsAnswered304() {
        String id = ImageClient.uploaded(host, "image/png", TestImages.picture("png", 10, 10));
        ImageClient.Answer again = ImageClient.fetch("/quiz/api/images/" + id, "\"" + id + "\"");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo("\"" + id + "\"");
        assertThat(ImageClient.fetch("/quiz/api/images/" + id, "\"something-else\"").status()).isEqualTo(200);
    }

    @Test
    void uploadingTheSamePictureAgainAnswersTheSameImageAndStoresNothingNew() {
        byte[] picture = TestImages.picture("png", 12, 12);
        ImageClient.Answer first = ImageClient.upload(host, "image/png", picture);
        ImageClient.Answer second = ImageClient.upload(host, "image/png", picture);
        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        String id = first.json().get("id").asText();
        assertThat(second.json().get("id").asText()).isEqualTo(id);
        assertThat(imagesStored(id)).isEqualTo(1);
    }

    @Test
    void pngTextChunksAreStrippedBeforeStoring() {
        byte[] tagged = TestImages.pngWithText(TestImages.picture("png", 20, 20), "Author", "Ada Lovelace, 51.5074 N");
        ImageClient.Answer served = ImageClient.fetch(ImageClient.upload(host, "image/png", tagged).json().get("url").asText(), null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(TestImages.contains(served.body(), "Lovelace")).isFalse();
        assertThat(served.body().length).isLessThan(tagged.length);
    }

    @Test
    void jpegExifIsStrippedBeforeStoring() {
        byte[] tagged = TestImages.jpegWithExif(TestImages.picture("jpeg", 20, 20), "GPS 51.5074 N 0.1278 W");
        ImageClient.Answer served = ImageClient.fetch(ImageClient.upload(host, "image/jpeg", tagged).json().get("url").asText(), null);
        assertThat(served.status()).isEqualTo(200);
        assertThat(TestImages.contains(served.body(), "GPS")).isFalse();
        assertThat(TestImages.contains(served.body(), "Exif")).isFalse();
    }

    @Test
    void whatIsNotReallyTheDeclaredImageIsRefusedAndNothingIsStored() {
        long before = Platform.count("QUIZ", "SELECT count(*) FROM images");
        byte[] png = TestImages.picture("png", 8, 8);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8);

        assertRefused(ImageClient.upload(host, "image/jpeg", png), 415, "Content-Type");
        assertRefused(ImageClient.upload(host, "image/png", "just some text".getBytes(StandardCharsets.UTF_8)), 415, "body");
        assertRefused(ImageClient.upload(host, "image/svg+xml", svg), 415, "Content-Type");
        assertRefused(ImageClient.upload(host, "image/png", svg), 415, "body");
        assertRefused(ImageClient.upload(host, "text/html", "<html></html>".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
        assertRefused(ImageClient.upload(host, "image/png", java.util.Arrays.copyOf(png, png.length - 20)), 400, "body");
        assertRefused(ImageClient.upload(host, "image/png", new byte[0]), 400, "body");

        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM images")).isEqualTo(before);
    }

    @Test
    void aPictureOverTheSizeLimitIs413() {
        // A PNG signature followed by 2 MiB of noise: refused for its size before anything else is looked at.
        byte[] huge = TestImages.concat(TestImages.pngClaiming(100, 100), new byte[2 * 1024 * 1024]);
        assertRefused(ImageClient.upload(host, "image/png", huge), 413, "body");
    }

    @Test
    void aHeaderClaimingTwentyThousandPixelsSquareIsRefusedWithoutDecoding() {
        ImageClient.Answer refused = ImageClient.upload(host, "image/png", TestImages.pngClaiming(20000, 20000));
        assertRefused(refused, 400, "body");
        assertThat(refused.json().get("detail").asText()).contains("20000x20000");
    }

    @Test
    void uploadingNeedsAHostToken() {
        assertThat(ImageClient.upload(null, "image/png", TestImages.picture("png", 4, 4)).status()).isEqualTo(401);
    }

    @Test
    void aMalformedIdIs400AndAnUnknownOne404() {
        assertRefused(ImageClient.fetch("/quiz/api/images/not-an-id", null), 400, "id");
        assertRefused(ImageClient.fetch("/quiz/api/images/" + "A".repeat(64), null), 400, "id");
        ImageClient.Answer unknown = ImageClient.fetch("/quiz/api/images/" + "0".repeat(64), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aQuestionShowsAnUploadedImageButNotAnUnknownOne() {
        String id = ImageClient.uploaded(host, "image/gif", TestImages.picture("gif", 16, 16));
        String quiz = QuizAuthoringIT.create(host, "Pictures").get("id").asText();
        Platform.Reply added = send("POST", "/quiz/api/quizzes/" + quiz + "/questions", withImage(SINGLE, "/quiz/api/images/" + id), host, "\"1\"");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().get("questions").get(0).get("imageUrl").asText()).isEqualTo("/quiz/api/images/" + id);

        Platform.Reply unknown = send("POST", "/quiz/api/quizzes/" + quiz + "/questions",
                withImage(SINGLE, "/quiz/api/images/" + "f".repeat(64)), host, "\"2\"");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.json().get("errors").findValuesAsText("field")).containsExactly("question.imageUrl");
        // A link to a picture elsewhere is refused too: the pages show only their own site's images.
        Platform.Reply elsewhere = send("POST", "/quiz/api/quizzes/" + quiz + "/questions",
                withImage(SINGLE, "https://img.example/p.png"), host, "\"2\"");
        assertThat(elsewhere.status()).as(elsewhere.body()).isEqualTo(400);
        assertThat(elsewhere.json().get("errors").findValuesAsText("field")).containsExactly("question.imageUrl");
        assertThat(QuizAuthoringIT.events(quiz)).isEqualTo(2);
    }

    @Test
    void anExportCarriesItsPicturesAndAnImportElsewhereStoresThem() throws Exception {
        byte[] picture = TestImages.picture("png", 30, 20);
        String id = ImageClient.uploaded(host, "image/png", picture);
        String quiz = QuizAuthoringIT.create(host, "Travelling Pictures").get("id").asText();
        send("POST", "/quiz/api/quizzes/" + quiz + "/questions", withImage(SINGLE, "/quiz/api/images/" + id), host, "\"1\"");

        JsonNode exported = send("GET", "/quiz/api/quizzes/" + quiz + "/export", null, host, null).json();
        assertThat(exported.get("images")).hasSize(1);
        assertThat(exported.get("images").get(0).get("id").asText()).isEqualTo(id);
        assertThat(exported.get("images").get(0).get("mediaType").asText()).isEqualTo("image/png");

        forget(id); // as if the document were imported on another installation
        assertThat(ImageClient.fetch("/quiz/api/images/" + id, null).status()).isEqualTo(404);

        Platform.Reply imported = send("POST", "/quiz/api/quizzes/import", exported.toString(), host, null);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().get("questions").get(0).get("imageUrl").asText()).isEqualTo("/quiz/api/images/" + id);
        assertThat(sha256(ImageClient.fetch("/quiz/api/images/" + id, null).body())).isEqualTo(id);
    }

    @Test
    void anImportWhosePicturesDoNotMatchTheirIdsOrAreMissingIsRefusedWithNothingWritten() throws Exception {
        String id = ImageClient.uploaded(host, "image/png", TestImages.picture("png", 14, 14));
        String quiz = QuizAuthoringIT.create(host, "Tampered").get("id").asText();
        send("POST", "/quiz/api/quizzes/" + quiz + "/questions", withImage(SINGLE, "/quiz/api/images/" + id), host, "\"1\"");
        ObjectNode exported = (ObjectNode) send("GET", "/quiz/api/quizzes/" + quiz + "/export", null, host, null).json();
        forget(id);
        long quizzes = Platform.count("QUIZ", "SELECT count(*) FROM quiz_view");

        ObjectNode otherBytes = exported.deepCopy();
        ((ObjectNode) otherBytes.get("images").get(0)).put("data",
                java.util.Base64.getEncoder().encodeToString(TestImages.picture("png", 14, 14)));
        assertField(send("POST", "/quiz/api/quizzes/import", otherBytes.toString(), host, null), "images[0].id");

        ObjectNode notAnImage = exported.deepCopy();
        ((ObjectNode) notAnImage.get("images").get(0)).put("data",
                java.util.Base64.getEncoder().encodeToString("<svg/>".getBytes(StandardCharsets.UTF_8)));
        assertField(send("POST", "/quiz/api/quizzes/import", notAnImage.toString(), host, null), "images[0].data");

        ObjectNode withoutImages = exported.deepCopy();
        withoutImages.putArray("images");
        assertField(send("POST", "/quiz/api/quizzes/import", withoutImages.toString(), host, null), "questions[0].imageUrl");

        assertThat(Platform.count("QUIZ", "SELECT count(*) FROM quiz_view")).isEqualTo(quizzes);
        assertThat(imagesStored(id)).isZero();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    static String withImage(String questionJson, String imageUrl) {
        return questionJson.replaceFirst("^\\{", "{\"imageUrl\":\"" + imageUrl + "\",");
    }

    private static void assertRefused(ImageClient.Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").findValuesAsText("field")).as(answer.text()).contains(field);
        assertThat(answer.text()).doesNotContain("Exception").doesNotContain("io.quizplatform");
    }

    private static void assertField(Platform.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("errors").findValuesAsText("field")).as(reply.body()).contains(field);
    }

    private static long imagesStored(String id) {
        return Platform.count("QUIZ", "SELECT count(*) FROM images WHERE image_id = ?", id);
    }

    private static void forget(String id) throws Exception {
        try (Connection c = Platform.database("QUIZ"); var delete = c.prepareStatement("DELETE FROM images WHERE image_id = ?")) {
            delete.setString(1, id);
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
