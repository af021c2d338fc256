package it.quizplatform.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.WebSocketRoute;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A person's WebSockets to the platform, passed through the test on their way (Playwright's routeWebSocket), so a
 * scenario can make the network fail as phones see it: a link that goes dead (nothing passes either way, and a close
 * goes nowhere, as on a lost Wi-Fi whose TCP connection the browser still believes in), a frame lost on the way, a
 * connection cut by the server. Every socket the page opens to an address that matches is a {@link Link}, in order;
 * by default a link passes everything both ways, so the page talks to the real server. Set it up before the page
 * opens its sockets, e.g. {@code Relay.of(ada, Relay.GAME_SOCKETS)}.
 */
public final class Relay {

    /** The join socket ({@code /quiz/ws/join}), where a phone joins and then plays. */
    public static final String JOIN_SOCKET = "**/quiz/ws/join";
    /** Every game socket and the join socket. */
    public static final String GAME_SOCKETS = "**/quiz/ws/**";

    private final List<Link> links = new CopyOnWriteArrayList<>();
    private String loseFromPage;
    private String cutAfterFromServer;
    private int cutCode;
    private boolean holdNew;
    private final Set<String> loseFromServer = new HashSet<>();
    private final Set<String> holdFromServer = new HashSet<>();
    /** Frames held by {@link #holdFromServer}, in the order the server sent them, with their link. */
    private final List<Held> heldFromServer = new ArrayList<>();
    private String dieAfterFromServer;
    private boolean forgetAnswerInWelcome;

    private Relay() {
    }

    /** Routes {@code person}'s WebSockets whose address matches {@code glob}; call it before the page opens them. */
    public static Relay of(Person person, String glob) {
        Relay relay = new Relay();
        person.page().routeWebSocket(glob, route -> relay.links.add(relay.new Link(route)));
        return relay;
    }

    /** The sockets the page opened so far, in order. */
    public List<Link> links() {
        return List.copyOf(links);
    }

    /** The socket the page opened last. */
    public Link last() {
        if (links.isEmpty()) {
            throw new AssertionError("the page opened no socket that is routed here");
        }
        return links.get(links.size() - 1);
    }

    /** The next frame of this {@code type} the page sends is lost on the way (once). */
    public void loseNextFromPage(String type) {
        loseFromPage = type;
    }

    /** Once the server has sent a frame of this {@code type}, its link is cut: the page is told {@code code}. */
    public void cutAfterFromServer(String type, int code) {
        cutAfterFromServer = type;
        cutCode = code;
    }

    /** The next frame of this {@code type} the server sends is lost on the way (once for each type named). */
    public void loseNextFromServer(String... types) {
        loseFromServer.addAll(List.of(types));
    }

    /**
     * Frames of these {@code types} from the server (on every link) are held from now on, as a server slow to reply,
     * until {@link #releaseHeld(int)} lets those of one question through or {@link #stopHolding()} all of them.
     */
    public void holdFromServer(String... types) {
        holdFromServer.addAll(List.of(types));
    }

    /** The held frames of question {@code questionIndex} reach the page now (on their link, if it still lives). */
    public void releaseHeld(int questionIndex) {
        List<Held> now = heldFromServer.stream()
                .filter(held -> questionOf(held.frame()) == questionIndex).toList();
        heldFromServer.removeAll(now);
        now.forEach(held -> held.link().toPage(held.frame()));
    }

    /** Nothing is held any more; what was reaches the page now. */
    public void stopHolding() {
        holdFromServer.clear();
        List<Held> now = List.copyOf(heldFromServer);
        heldFromServer.clear();
        now.forEach(held -> held.link().toPage(held.frame()));
    }

    /** Once the server has sent a frame of this {@code type}, its link dies ({@link Link#goDead()}): nothing after it passes. */
    public void dieAfterFromServer(String type) {
        dieAfterFromServer = type;
    }

    /**
     * The next {@code welcome} reaches the page as one from a server instance that has not read the player's answer
     * yet: {@code answered: false}, {@code yourAnswer: null}.
     */
    public void forgetAnswerInNextWelcome() {
        forgetAnswerInWelcome = true;
    }

    /** Sockets opened from now on get nothing from the server until {@link Link#release()} (a slow way back). */
    public void holdNewLinks() {
        holdNew = true;
    }

    /** How many frames of this {@code type} the page sent, on every link, lost ones included. */
    public long sentByPage(String type) {
        return links.stream().mapToLong(link -> link.fromPage.stream().filter(frame -> type.equals(typeOf(frame))).count()).sum();
    }

    /**
     * Waits (answering the browser's events meanwhile, which is when the links do their work) until {@code condition}
     * holds; fails after {@code timeout}.
     */
    public void await(Person person, Duration timeout, String what, BooleanSupplier condition) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError(person + ": not within " + timeout.toSeconds() + " s: " + what + "; links " + links);
            }
            person.page().waitForTimeout(100);
        }
    }

    static int questionOf(String frame) {
        try {
            return Api.JSON.readTree(frame).path("questionIndex").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    private record Held(Link link, String frame) {
    }

    static String typeOf(String frame) {
        try {
            JsonNode message = Api.JSON.readTree(frame);
            return message.path("type").asText();
        } catch (IOException e) {
            return "";
        }
    }

    /** One socket of the page: the page's side and the server's. */
    public final class Link {

        private final WebSocketRoute page;
        private final WebSocketRoute server;
        private final List<String> fromPage = new CopyOnWriteArrayList<>();
        private final List<String> fromServer = new CopyOnWriteArrayList<>();
        private final List<String> held = new ArrayList<>();
        private boolean holding;
        private boolean dead;

        Link(WebSocketRoute page) {
            this.page = page;
            this.holding = holdNew;
            this.server = page.connectToServer();
            page.onMessage(frame -> fromPage(frame.text()));
            server.onMessage(frame -> fromServer(frame.text()));
        }

        private void fromPage(String frame) {
            fromPage.add(frame);
            if (dead) {
                return;
            }
            if (loseFromPage != null && loseFromPage.equals(typeOf(frame))) {
                loseFromPage = null;
                return;
            }
            server.send(frame);
        }

        private void fromServer(String frame) {
            fromServer.add(frame);
            if (dead) {
                return;
            }
            if (holding) {
                held.add(frame);
                return;
            }
            String type = typeOf(frame);
            if (loseFromServer.remove(type)) {
                return;
            }
            if (holdFromServer.contains(type)) {
                heldFromServer.add(new Held(this, frame));
                return;
            }
            if (forgetAnswerInWelcome && "welcome".equals(type)) {
                forgetAnswerInWelcome = false;
                frame = withoutAnswer(frame);
            }
            page.send(frame);
            if (type.equals(dieAfterFromServer)) {
                dieAfterFromServer = null;
                goDead();
                return;
            }
            if (cutAfterFromServer != null && cutAfterFromServer.equals(typeOf(frame))) {
                cutAfterFromServer = null;
                cut(cutCode);
            }
        }

        private void toPage(String frame) {
            if (!dead) {
                page.send(frame);
            }
        }

        private static String withoutAnswer(String welcome) {
            try {
                ObjectNode message = (ObjectNode) Api.JSON.readTree(welcome);
                message.put("answered", false);
                message.putNull("yourAnswer");
                return Api.JSON.writeValueAsString(message);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        /** The address the page opened. */
        public String url() {
            return page.url();
        }

        /** Frames the page sent on this link (lost ones included), as text. */
        public List<String> fromPage() {
            return List.copyOf(fromPage);
        }

        /** Frames the server sent on this link, as text. */
        public List<String> fromServer() {
            return List.copyOf(fromServer);
        }

        /**
         * The network under this link dies: nothing more passes either way, and neither side hears of a close from
         * the other (the page's {@code close()} leaves its socket closing, with no close event, as on a dead link).
         */
        public void goDead() {
            dead = true;
            page.onClose((code, reason) -> { });
            server.onClose((code, reason) -> { });
        }

        /** The server closes this connection: the page is told {@code code} (e.g. 1013, try again). */
        public void cut(int code) {
            dead = true;
            page.onClose((c, reason) -> { });
            server.onClose((c, reason) -> { });
            server.close();
            page.close(new WebSocketRoute.CloseOptions().setCode(code).setReason("cut by the test"));
        }

        /** What the server sent while this link was held reaches the page now, and the rest as it comes. */
        public void release() {
            holding = false;
            held.forEach(page::send);
            held.clear();
        }

        @Override
        public String toString() {
            return url().replaceFirst("^wss?://[^/]+", "") + (dead ? " (dead)" : "") + (holding ? " (held)" : "")
                    + " page sent " + fromPage.stream().map(Relay::typeOf).toList()
                    + ", server sent " + fromServer.stream().map(Relay::typeOf).toList();
        }
    }
}
