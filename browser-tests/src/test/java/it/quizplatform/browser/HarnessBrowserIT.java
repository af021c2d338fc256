package it.quizplatform.browser;

import com.microsoft.playwright.Route;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The harness itself, on pages it serves to itself (no server involved): it must see what it promises to see, or
 * the other browser tests pass for nothing. And each person must be a device of its own to the platform, sockets
 * included, or the per-address join limit refuses the tests' players (one test, against the platform).
 */
class HarnessBrowserIT {

    @RegisterExtension
    static final Browsers browsers = new Browsers();

    static final String PAGE = "http://harness.test/";

    /** {@code person} gets {@code html} with this Content-Security-Policy for every request to the pretend site. */
    static void serve(Person person, String csp, String html) {
        person.context().route(PAGE + "**", route -> route.fulfill(new Route.FulfillOptions()
                .setStatus(200)
                .setHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Content-Security-Policy", csp))
                .setBody(html)));
        person.page().navigate(PAGE);
    }

    @Test
    void anInlineScriptBlockedByTheContentSecurityPolicyIsAProblem() {
        Person checker = browsers.onLaptop("checker");
        serve(checker, "script-src 'self'", "<!doctype html><html lang=\"en\"><title>t</title><main><h1>Hi</h1>"
                + "<script>document.title = 'inline ran'</script></main></html>");
        checker.page().evaluate("0");

        assertThat(checker.page().title()).isEqualTo("t");
        assertThat(checker.problems().unexpected())
                .anySatisfy(problem -> assertThat(problem).startsWith("console error:").contains("Content Security Policy"));
        assertThat(browsers.problemReport()).startsWith("checker (laptop, en-US):\n  - console error:");

        checker.expectsProblem("Content Security Policy"); // seen: the test ends clean
        assertThat(browsers.problemReport()).isEmpty();
    }

    @Test
    void anUncaughtErrorIsAProblem() {
        Person checker = browsers.onPhone("checker");
        serve(checker, "default-src 'self' 'unsafe-inline'", "<!doctype html><html lang=\"en\"><title>t</title>"
                + "<script>setTimeout(() => { throw new Error('boom') })</script></html>");
        checker.page().waitForTimeout(100);

        assertThat(checker.problems().unexpected()).anySatisfy(problem -> assertThat(problem).startsWith("page error:").contains("boom"));
        checker.expectsProblem("boom");
    }

    @Test
    void axeReportsASeriousViolationWithRuleImpactTargetAndHelp() {
        Person checker = browsers.onLaptop("checker");
        serve(checker, "default-src 'self'", "<!doctype html><html lang=\"en\"><title>t</title><main><h1>Hi</h1>"
                + "<button id=\"nameless\"></button></main></html>");

        assertThatThrownBy(() -> checker.seesAnAccessiblePage("nameless button page"))
                .hasMessageContaining("button-name [critical]")
                .hasMessageContaining("#nameless")
                .hasMessageContaining("Buttons must have discernible text");
    }

    @Test
    void aCleanPageUnderAStrictPolicyPassesAndEveryStepIsAPicture() throws Exception {
        Person checker = browsers.onBigScreen("big screen");
        serve(checker, "default-src 'self'", "<!doctype html><html lang=\"en\"><title>t</title><main><h1>Hi</h1>"
                + "<button>Start</button></main></html>");

        checker.seesAnAccessiblePage("clean page");
        Path picture = checker.screenshot("Clean page, nothing wrong!");

        assertThat(picture).isEqualTo(browsers.screens().dir().resolve("01-big-screen-clean-page-nothing-wrong.png"));
        assertThat(browsers.screens().dir().getFileName())
                .hasToString("HarnessBrowserIT.aCleanPageUnderAStrictPolicyPassesAndEveryStepIsAPicture");
        assertThat(Files.size(picture)).isPositive();
        assertThat(checker.problems().unexpected()).isEmpty();
        assertThat(checker.page().viewportSize().width).isEqualTo(1920);
    }

    /** What a server sees: each person's pages and sockets come from that person's address, and no one else's. */
    @Test
    void eachPersonsPagesAndSocketsComeFromTheirOwnAddressRelayedOnesIncluded() throws Exception {
        try (Recorder recorder = new Recorder()) {
            Person ada = browsers.onPhone("ada");
            Person bob = browsers.onPhone("bob");
            Relay.of(bob, "**/ws/*"); // bob's socket is opened by Playwright's connectToServer, not by the page

            for (Person person : List.of(ada, bob)) {
                person.page().navigate(recorder.url() + "/" + person.name());
                person.page().evaluate("url => new Promise((opened, failed) => { const ws = new WebSocket(url);"
                        + " ws.onopen = opened; ws.onerror = failed })", recorder.url().replace("http:", "ws:") + "/ws/" + person.name());
            }

            assertThat(ada.address()).startsWith("127.").isNotEqualTo("127.0.0.1").isNotEqualTo(bob.address());
            assertThat(recorder.seen()).contains(
                    "GET /ada from " + ada.address(), "GET /ws/ada (websocket) from " + ada.address(),
                    "GET /bob from " + bob.address(), "GET /ws/bob (websocket) from " + bob.address());
        }
    }

    /**
     * The platform agrees: more phones type a wrong PIN within a minute than one address may
     * (RATE_LIMIT_JOIN_MISSES_PER_ADDRESS, 20 a minute), each on a relayed join socket, and every one is told the PIN
     * is unknown, none that it tried too often.
     */
    @Test
    void moreWrongPinsThanOneAddressMayTypeWithinAMinuteAreEachToldThePinIsUnknown() {
        int players = 21;
        for (int i = 1; i <= players; i++) {
            Person player = browsers.onPhone("player " + i);
            Relay relay = Relay.of(player, Relay.JOIN_SOCKET);
            player.open("/play/?pin=0" + String.format("%05d", 10_000 + i)); // a game's PIN never starts with 0
            player.byTestId("nickname-input").fill("Player " + i);
            player.byTestId("join-button").click();
            relay.await(player, Duration.ofSeconds(10), "the join answered",
                    () -> !relay.links().isEmpty() && !relay.last().fromServer().isEmpty());
            String answer = relay.last().fromServer().get(0);
            assertThat(answer).as(player + " from " + player.address() + " was told " + answer).contains("\"unknown-pin\"");
        }
    }

    /**
     * A site on this machine that answers every page with an empty one and takes every WebSocket (and then ignores
     * it), noting each request's first line and the address it came from.
     */
    static final class Recorder implements AutoCloseable {

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> seen = new CopyOnWriteArrayList<>();

        Recorder() throws IOException {
            Thread accepting = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        Thread serving = new Thread(() -> serve(socket), "recorder");
                        serving.setDaemon(true);
                        serving.start();
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "recorder");
            accepting.setDaemon(true);
            accepting.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        /** E.g. {@code GET /ws/ada (websocket) from 127.31.7.200}. */
        List<String> seen() {
            return List.copyOf(seen);
        }

        private void serve(Socket socket) {
            try (socket) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                String request = in.readLine();
                String key = null;
                for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                    if (header.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18)) {
                        key = header.substring(18).strip();
                    }
                }
                if (request == null) {
                    return;
                }
                String from = socket.getInetAddress().getHostAddress();
                seen.add(request.replace(" HTTP/1.1", "") + (key == null ? "" : " (websocket)") + " from " + from);
                if (key == null) {
                    byte[] page = "<!doctype html><html lang=\"en\"><title>t</title></html>".getBytes(StandardCharsets.UTF_8);
                    socket.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                            + "Content-Length: " + page.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().write(page);
                    return;
                }
                socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                socket.getInputStream().transferTo(OutputStream.nullOutputStream()); // until the browser goes
            } catch (IOException e) {
                // the browser went
            }
        }

        private static String accept(String key) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1")
                        .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
                return Base64.getEncoder().encodeToString(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Takes no more connections; the browsers close theirs with their contexts. */
        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
