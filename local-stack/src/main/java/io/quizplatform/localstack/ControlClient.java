package io.quizplatform.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Talks to a running launcher's control API (used by start, stop and the stale-leftover cleanup). */
final class ControlClient {

    private static final Pattern HEAD = Pattern.compile("^\\{\"profile\":\"[^\"]*\",\"pid\":(\\d+),\"ready\":(true|false)");

    /** The top of a /status answer: who is answering and whether it is ready. */
    record Status(long pid, boolean ready, String json) {
        private static final Pattern OWNER = Pattern.compile("\"ownerPid\":(\\d+)");

        /** The process this stack serves (the Maven build of a daemon, or the foreground launcher itself). */
        Optional<Long> ownerPid() {
            Matcher m = OWNER.matcher(json);
            return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        }

        static Optional<Status> parse(String json) {
            Matcher m = HEAD.matcher(json);
            return m.find() ? Optional.of(new Status(Long.parseLong(m.group(1)), Boolean.parseBoolean(m.group(2)), json))
                    : Optional.empty();
        }
    }

    private final int port;

    ControlClient(int port) {
        this.port = port;
    }

    Optional<Status> status() {
        try {
            return Status.parse(request("GET", "/status", 2000));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True if a launcher accepted the shutdown request. */
    boolean shutdown() {
        try {
            request("POST", "/shutdown", 5000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String request(String method, String path, int readTimeoutMs) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(1000);
        c.setReadTimeout(readTimeoutMs);
        try {
            int code = c.getResponseCode();
            if (code >= 300) {
                throw new IOException(method + " " + path + " answered " + code);
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }
}
