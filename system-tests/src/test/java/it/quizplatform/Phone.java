package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A player's (or host's) phone as a real client behaves: it says hello on every connection, and when the connection
 * drops it reconnects by itself with a growing wait (250 ms up to 2 s), trying the next of its servers each time
 * (a second instance, if there is one). Every message received is kept, in order, for the test to look at.
 */
final class Phone implements WebSocket.Listener, AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ScheduledExecutorService RECONNECTS = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "phone-reconnect");
        t.setDaemon(true);
        return t;
    });

    final String name;
    private final String gameId;
    private final String hello;
    private final List<String> servers;
    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    /** Close codes seen, in order (1001 on a graceful server stop, 1006 when the connection just broke). */
    final List<Integer> closes = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private volatile boolean closing;
    private volatile int attempts;
    private volatile int server;
    volatile int reconnects;
    private volatile boolean welcomed;

    private Phone(String name, String gameId, String hello, List<String> servers) {
        this.name = name;
        this.gameId = gameId;
        this.hello = hello;
        this.servers = servers;
    }

    static Phone player(String name, String gameId, String playerToken, List<String> servers) {
        return connect(new Phone(name, gameId, "{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + playerToken + "\"}", servers));
    }

    static Phone host(String gameId, String accessToken, List<String> servers) {
        return connect(new Phone("host", gameId, "{\"type\":\"hello\",\"role\":\"host\",\"token\":\"" + accessToken + "\"}", servers));
    }

    private static Phone connect(Phone phone) {
        phone.open();
        return phone;
    }

    private void open() {
        if (closing) {
            return;
        }
        String at = servers.get(server % servers.size());
        HTTP.newWebSocketBuilder().header("Origin", "http://localhost:9080").connectTimeout(Duration.ofSeconds(3))
                .buildAsync(URI.create("ws://" + at + "/quiz/ws/games/" + gameId), this)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        reconnectLater();
                    } else {
                        attempts = 0;
                        welcomed = false;
                        socket = ws;
                        ws.sendText(hello, true);
                    }
                });
    }

    private void reconnectLater() {
        if (closing) {
            return;
        }
        socket = null;
        server++;
        reconnects++;
        long wait = Math.min(2000, 250L << Math.min(attempts++, 3));
        RECONNECTS.schedule(this::open, wait, TimeUnit.MILLISECONDS);
    }

    boolean connected() {
        WebSocket ws = socket;
        return ws != null && !ws.isOutputClosed();
    }

    /** Sends once connected (a phone holds a message while it reconnects); false if never connected in time. */
    boolean send(String text, Duration within) {
        return sendMarked(text, within) >= 0;
    }

    /**
     * Like {@link #send}, returning how many messages had arrived when it was sent (its replies come after that
     * index), or -1 when it could not be sent in time.
     */
    int sendMarked(String text, Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            WebSocket ws = socket;
            if (ws != null && !ws.isOutputClosed() && welcomed()) {
                int mark = messages.size();
                try {
                    ws.sendText(text, true).get(3, TimeUnit.SECONDS);
                    return mark;
                } catch (Exception e) {
                    // dropped meanwhile: wait for the reconnection
                }
            }
            Platform.sleep(50);
        }
        return -1;
    }

    /** Whether the current connection has been welcomed. */
    private boolean welcomed() {
        return welcomed && connected();
    }

    /** The first message from index {@code from} on that matches, waiting up to {@code timeout}. */
    Optional<JsonNode> awaitFrom(int from, Duration timeout, Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (int i = from; i < messages.size(); i++) {
                if (wanted.test(messages.get(i))) {
                    return Optional.of(messages.get(i));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            Platform.sleep(50);
        }
    }

    /** Waits until the game, as this phone was last told (state or welcome), is in the phase at the question. */
    boolean awaitPhase(String phase, int questionIndex, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            JsonNode last = lastState();
            if (last != null && phase.equals(last.path("phase").asText())
                    && (questionIndex < 0 || last.path("questionIndex").asInt() == questionIndex)) {
                return true;
            }
            if (!Instant.now().isBefore(deadline)) {
                return false;
            }
            Platform.sleep(50);
        }
    }

    JsonNode lastState() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            String type = messages.get(i).path("type").asText();
            if ("state".equals(type) || "welcome".equals(type)) {
                return messages.get(i);
            }
        }
        return null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode message = Platform.JSON.readTree(text);
                messages.add(message);
                if ("welcome".equals(message.path("type").asText())) {
                    welcomed = true;
                }
            } catch (Exception e) {
                messages.add(Platform.JSON.createObjectNode().put("type", "unparseable").put("raw", text));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closes.add(statusCode);
        if (statusCode != 1008) {
            reconnectLater();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closes.add(1006);
        reconnectLater();
    }

    @Override
    public void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    static CompletableFuture<Void> all(List<CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}
