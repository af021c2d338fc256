package it.quizplatform.browser;

import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What went wrong in one person's browser while the test ran: console errors (a Content-Security-Policy violation
 * is one), uncaught page errors, requests that failed on the network and server errors (5xx). A scenario ends with
 * none, unless it said beforehand which ones it expects ({@link #tolerate}).
 */
final class Problems {

    private final List<String> seen = new ArrayList<>();
    private final List<Pattern> tolerated = new ArrayList<>();

    void watch(Page page) {
        page.onConsoleMessage(this::console);
        page.onPageError(error -> seen.add("page error: " + error));
        page.onRequestFailed(this::failed);
        page.onResponse(this::response);
    }

    private void console(ConsoleMessage message) {
        if ("error".equals(message.type())) {
            seen.add("console error: " + message.text() + location(message));
        }
    }

    private static String location(ConsoleMessage message) {
        String location = message.location();
        return location == null || location.isBlank() || location.equals(":0:0") ? "" : " (at " + location + ")";
    }

    private void failed(Request request) {
        String failure = request.failure();
        // An aborted request is one the page itself gave up: a navigation away, an AbortController, a closed socket.
        if (failure != null && failure.contains("ERR_ABORTED")) {
            return;
        }
        seen.add("request failed: " + request.method() + " " + request.url() + " (" + failure + ")");
    }

    private void response(Response response) {
        if (response.status() >= 500) {
            seen.add("server error: " + response.request().method() + " " + response.url() + " -> " + response.status());
        }
    }

    /** Problems matching {@code regex} (found anywhere in the description) are expected and do not fail the test. */
    void tolerate(String regex) {
        tolerated.add(Pattern.compile(regex));
    }

    List<String> unexpected() {
        return seen.stream().filter(p -> tolerated.stream().noneMatch(t -> t.matcher(p).find())).toList();
    }
}
