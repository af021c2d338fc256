package it.quizplatform;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client (java.net.http) that records everything the server sends it. */
final class SocketClient implements WebSocket.Listener, AutoCloseable {

    final List<String> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;

    private SocketClient(String gameId) {
        this(Platform.baseUrl().replace("http://", ""), gameId);
    }

    private SocketClient(String hostAndPort, String gameId) {
        this(URI.create("ws://" + hostAndPort + "/quiz/ws/games/" + gameId), null);
    }

    private SocketClient(URI url, String clientAddress) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (clientAddress != null) {
            builder.header("X-Forwarded-For", clientAddress); // the test stack trusts 127.0.0.1 as a proxy
        }
        this.socket = builder.buildAsync(url, this).join();
    }

    static SocketClient connect(String gameId) {
        return new SocketClient(gameId);
    }

    /** A phone on the join socket ({@code /quiz/ws/join}), as the client at {@code clientAddress}; joins nothing yet. */
    static SocketClient joinSocket(String clientAddress) {
        return new SocketClient(URI.create(Platform.baseUrl().replace("http://", "ws://") + "/quiz/ws/join"), clientAddress);
    }

    /** Sends a join with this PIN and nickname. */
    void join(String pin, String nickname) {
        send(Platform.JSON.createObjectNode().put("type", "join").put("pin", pin).put("nickname", nickname).toString());
    }

    static SocketClient player(String gameId, String playerToken) {
        SocketClient c = connect(gameId);
        c.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + playerToken + "\"}");
        return c;
    }

    static SocketClient playerAt(String hostAndPort, String gameId, String playerToken) {
        SocketClient c = new SocketClient(hostAndPort, gameId);
        c.send("{\"type\":\"hello\",\"role\":\"player\",\"token\":\"" + playerToken + "\"}");
        return c;
    }

    static SocketClient hostAt(String hostAndPort, String gameId, String accessToken) {
        SocketClient c = new SocketClient(hostAndPort, gameId);
        c.send("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"" + accessToken + "\"}");
        return c;
    }

    static SocketClient host(String gameId, String accessToken) {
        SocketClient c = connect(gameId);
        c.send("{\"type\":\"hello\",\"role\":\"host\",\"token\":\"" + accessToken + "\"}");
        return c;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).join();
    }

    /**
     * Sends one message in several frames, one per part; stops at the first part the connection no longer takes
     * (the server may close it midway).
     */
    /** Sends the message in these frames; false when the connection went before the last frame was out. */
    boolean sendInFrames(List<String> parts) {
        for (int i = 0; i < parts.size(); i++) {
            try {
                socket.sendText(parts.get(i), i == parts.size() - 1).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    JsonNode await(String what, Duration timeout, Predicate<JsonNode> wanted) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try {
                JsonNode next = inbox.poll(100, TimeUnit.MILLISECONDS);
                if (next != null && wanted.test(next)) {
                    return next;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no message " + what + " within " + timeout + "; received: " + received
                + (closeCode.isDone() ? "; closed with " + closeCode.join() + " " + closeReason.getNow("") : ""));
    }

    JsonNode awaitType(String type) {
        return await("of type " + type, Duration.ofSeconds(15), m -> type.equals(m.path("type").asText()));
    }

    JsonNode awaitPhase(String phase) {
        return await("in phase " + phase, Duration.ofSeconds(20), m -> phase.equals(m.path("phase").asText()));
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            received.add(text);
            try {
                inbox.add(Platform.JSON.readTree(text));
            } catch (Exception e) {
                inbox.add(Platform.JSON.createObjectNode().put("type", "unparseable").put("raw", text));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        closeReason.complete(reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(-1);
        closeReason.complete(String.valueOf(error));
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
