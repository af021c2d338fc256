package it.quizplatform;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A phone on a network too slow to take what it is sent: a WebSocket client over a plain TCP socket with a tiny
 * receive buffer that reads nothing after the handshake until asked to ({@link #readAll}), so what the server writes
 * piles up in the server's queue for it. {@link SocketClient} (java.net.http) cannot stop reading at the TCP level,
 * nor send a text frame that is not UTF-8 ({@link #sendTextFrame}, a broken client).
 */
final class StalledPhone implements AutoCloseable {

    /** What the server had sent when it let go of the connection: its texts, then its close frame (if any). */
    record Received(List<String> texts, int closeCode, String closeReason) {
    }

    private final Socket socket = new Socket();
    private final OutputStream out;
    private final DataInputStream in;

    private StalledPhone(String gameId) throws IOException {
        URI base = URI.create(Platform.baseUrl());
        socket.setReceiveBufferSize(1024); // before connect, so the window offered to the server stays this small
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
        out = socket.getOutputStream();
        in = new DataInputStream(socket.getInputStream());
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(("GET /quiz/ws/games/" + gameId + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(10_000);
        String response = headers();
        if (!response.startsWith("HTTP/1.1 101")) {
            throw new IllegalStateException("no WebSocket upgrade: " + response);
        }
    }

    /** A host's connection to the game, hello said. */
    static StalledPhone host(String gameId, String accessToken) {
        return helloSaid(gameId, "host", accessToken);
    }

    /** A player's connection to the game, hello said. */
    static StalledPhone player(String gameId, String playerToken) {
        return helloSaid(gameId, "player", playerToken);
    }

    private static StalledPhone helloSaid(String gameId, String role, String token) {
        try {
            StalledPhone phone = new StalledPhone(gameId);
            phone.send("{\"type\":\"hello\",\"role\":\"" + role + "\",\"token\":\"" + token + "\"}");
            return phone;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One text frame, masked as a client's must be. */
    void send(String text) {
        sendTextFrame(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One text frame of these bytes, whether they are UTF-8 or not (a broken client's). */
    void sendTextFrame(byte[] payload) {
        if (payload.length > 0xFFFF) {
            throw new IllegalArgumentException("messages up to 64 KB only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length <= 125) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until a text containing {@code wanted} comes, and returns it (the texts before it are skipped). */
    String awaitText(String wanted, Duration within) {
        Received read = readUntil(wanted, within);
        String last = read.texts().isEmpty() ? "" : read.texts().get(read.texts().size() - 1);
        if (!last.contains(wanted)) {
            throw new AssertionError("no text with " + wanted + " within " + within + "; received " + read);
        }
        return last;
    }

    /** Starts reading: every frame the server had queued or sends, until it closes the connection or falls silent. */
    Received readAll(Duration silence) {
        return readUntil(null, silence);
    }

    private Received readUntil(String wanted, Duration silence) {
        List<String> texts = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            socket.setSoTimeout((int) silence.toMillis());
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)]; // a server's frames are never masked
                in.readFully(payload);
                int opcode = first & 0x0F;
                if (opcode == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
                    String reason = payload.length > 2
                            ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
                    return new Received(texts, code, reason);
                }
                if (opcode == 0x1 || opcode == 0x0) {
                    message.writeBytes(payload);
                    if ((first & 0x80) != 0) {
                        texts.add(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                        if (wanted != null && texts.get(texts.size() - 1).contains(wanted)) {
                            return new Received(texts, -1, "still open");
                        }
                    }
                }
            }
        } catch (EOFException | SocketTimeoutException e) {
            return new Received(texts, -1, "no close frame: " + e.getClass().getSimpleName());
        } catch (IOException e) {
            return new Received(texts, -1, "no close frame: " + e);
        }
    }

    private String headers() throws IOException {
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("\r\n\r\n")) {
            response.append((char) in.readUnsignedByte());
        }
        return response.toString();
    }

    /** Drops the connection with a TCP reset, no close frame (a phone whose network went away mid-write). */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
