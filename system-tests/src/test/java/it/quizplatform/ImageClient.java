package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The image endpoints as a browser or the web client uses them: raw bytes up, raw bytes down. */
final class ImageClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ImageClient() {
    }

    /** What came back: status, headers and the raw body (JSON for an upload or a problem). */
    record Answer(int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return Platform.JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(new String(body), e);
            }
        }

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static Answer upload(String token, String contentType, byte[] bytes) {
        HttpRequest.Builder request = Platform.request("/quiz/api/images").POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** The id of a picture uploaded successfully (201 or 200). */
    static String uploaded(String token, String contentType, byte[] bytes) {
        Answer answer = upload(token, contentType, bytes);
        if (answer.status() != 201 && answer.status() != 200) {
            throw new AssertionError("upload failed: " + answer.status() + " " + answer.text());
        }
        return answer.json().get("id").asText();
    }

    /** GET of an image path, without a token, as an {@code <img>} on a phone would. */
    static Answer fetch(String path, String ifNoneMatch) {
        HttpRequest.Builder request = Platform.request(path).GET();
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return send(request);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
