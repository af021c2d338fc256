package io.quizplatform.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one game's virtual users saw, with the moment each message arrived: the figures Gatling cannot time by itself
 * because they span several connections (the host's command and every phone's copy of the question), computed from
 * these arrivals when the game is over.
 */
final class GameRun {

    static final ObjectMapper JSON = new ObjectMapper();

    final int index;
    final String gameId;
    final String pin;
    final String hostToken;
    final int players;
    final int questions;
    final AtomicInteger arrived = new AtomicInteger();   // joined and said hello, or failed trying
    final AtomicInteger welcomed = new AtomicInteger();
    final AtomicInteger joinFailures = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger nextPlayer = new AtomicInteger();
    final AtomicInteger refusals = new AtomicInteger();
    final AtomicInteger lockedInBeforeReceived = new AtomicInteger();
    final Map<String, Integer> refusalReasons = new ConcurrentHashMap<>();
    final long[] commandAt;                               // host sent start (question 0) or next, per question
    volatile long endAt = -1;                             // host sent the next after the last question (the end)
    final ConcurrentLinkedQueue<Long> acks = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> lockedIn = new ConcurrentLinkedQueue<>();
    /** The acknowledgement split at the server's stamp ({@code receivedAt}; driver and server share one clock). */
    final ConcurrentLinkedQueue<Long> ackToStamp = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> stampToAck = new ConcurrentLinkedQueue<>();
    /** A socket join split at the server's stamp in its {@code joined}: the way in, then the server and the way out. */
    final ConcurrentLinkedQueue<Long> joinToStamp = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Long> stampToJoined = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Arrivals> phones = new ConcurrentLinkedQueue<>();
    volatile Arrivals host;

    GameRun(int index, String gameId, String pin, String hostToken, int players, int questions) {
        this.index = index;
        this.gameId = gameId;
        this.pin = pin;
        this.hostToken = hostToken;
        this.players = players;
        this.questions = questions;
        this.commandAt = new long[questions];
        java.util.Arrays.fill(commandAt, -1);
    }

    boolean allArrived() {
        return arrived.get() >= players;
    }

    /** First arrival of each kind of message at one connection, by kind and question. */
    static final class Arrivals {
        final Map<String, Long> first = new ConcurrentHashMap<>();
        final Map<Integer, List<String>> options = new ConcurrentHashMap<>();
        final Map<Integer, Long> closesAt = new ConcurrentHashMap<>();
        final Map<Integer, Long> openServerTime = new ConcurrentHashMap<>();
        final Map<Integer, String> closeReason = new ConcurrentHashMap<>();
        final AtomicInteger closedByServer = new AtomicInteger();
        volatile String kicked;
        volatile int latestStage = -1;

        int latestStage() {
            return latestStage;
        }

        /** Records a server message that arrived at {@code at} (epoch ms). */
        void record(String text, long at) {
            JsonNode m;
            try {
                m = JSON.readTree(text);
            } catch (Exception e) {
                return;
            }
            String type = m.path("type").asText();
            if (type.equals("kicked")) {
                kicked = text;
            }
            String kind = type.equals("state") || type.equals("welcome") && !m.path("phase").asText().equals("lobby")
                    ? m.path("phase").asText() : type;
            int q = m.has("questionIndex") && !kind.equals("ended") && !kind.equals("podium") ? m.get("questionIndex").asInt() : -1;
            latestStage = Math.max(latestStage, stage(kind, q));
            if (first.putIfAbsent(kind + ":" + q, at) == null) {
                if (kind.equals("open")) {
                    List<String> ids = new ArrayList<>();
                    m.path("question").path("options").forEach(o -> ids.add(o.path("id").asText()));
                    options.put(q, ids);
                    parse(m.path("closesAt").asText(null), t -> closesAt.put(q, t));
                    parse(m.path("serverTime").asText(null), t -> openServerTime.put(q, t));
                } else if (kind.equals("closed")) {
                    closeReason.put(q, m.path("closeReason").asText());
                }
            }
        }

        boolean seen(String kind, int q) {
            return first.containsKey(kind + ":" + q);
        }

        long at(String kind, int q) {
            return first.getOrDefault(kind + ":" + q, -1L);
        }

        private static void parse(String instant, java.util.function.LongConsumer to) {
            if (instant != null) {
                try {
                    to.accept(Instant.parse(instant).toEpochMilli());
                } catch (RuntimeException ignored) {
                    // not a timestamp: nothing to compare
                }
            }
        }
    }

    /** Where a message stands in the game's course: question by question preview, open, closed, results, score; then the end. */
    static int stage(String kind, int q) {
        int step = switch (kind) {
            case "preview" -> 0;
            case "open" -> 1;
            case "closed" -> 2;
            case "results" -> 3;
            case "score" -> 4;
            case "ended" -> 100_000;
            case "podium" -> 100_001;
            default -> -1;
        };
        return step < 0 ? -1 : step >= 100_000 ? step : q * 10 + step;
    }

    // --- the figures of this game, from the arrivals ---

    /** Phones (welcomed players) that never saw question {@code q} open. */
    int missingOpens() {
        int missing = 0;
        for (Arrivals p : phones) {
            for (int q = 0; q < questions; q++) {
                if (!p.seen("open", q)) {
                    missing++;
                }
            }
        }
        return missing + (welcomed.get() - phones.size()) * questions;
    }

    /** Per question, each phone's preview arrival after the host's command (start or next). */
    List<Long> commandToPreview() {
        List<Long> out = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            if (commandAt[q] < 0) {
                continue;
            }
            for (Arrivals p : phones) {
                long at = p.at("preview", q);
                if (at >= 0) {
                    out.add(at - commandAt[q]);
                }
            }
        }
        return out;
    }

    /** Per question, each phone's arrival of the open question after the first phone's. */
    List<Long> openAfterFirstPhone() {
        List<Long> out = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            long first = Long.MAX_VALUE;
            for (Arrivals p : phones) {
                long at = p.at("open", q);
                if (at >= 0) {
                    first = Math.min(first, at);
                }
            }
            for (Arrivals p : phones) {
                long at = p.at("open", q);
                if (at >= 0) {
                    out.add(at - first);
                }
            }
        }
        return out;
    }

    /** Each phone's arrival of the open question after the server's own stamp in it (same clock: driver on the server's machine). */
    List<Long> openAfterServerStamp() {
        List<Long> out = new ArrayList<>();
        for (Arrivals p : phones) {
            for (int q = 0; q < questions; q++) {
                long at = p.at("open", q);
                Long stamp = p.openServerTime.get(q);
                if (at >= 0 && stamp != null) {
                    out.add(at - stamp);
                }
            }
        }
        return out;
    }

    /** Each phone's own score line after the question closed (the first phone's `closed`). */
    List<Long> scoreAfterClose() {
        List<Long> out = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            long closed = Long.MAX_VALUE;
            for (Arrivals p : phones) {
                long at = p.at("closed", q);
                if (at >= 0) {
                    closed = Math.min(closed, at);
                }
            }
            if (closed == Long.MAX_VALUE) {
                continue;
            }
            for (Arrivals p : phones) {
                long at = p.at("score", q);
                if (at >= 0) {
                    out.add(at - closed);
                }
            }
        }
        return out;
    }

    int missingScores() {
        int missing = 0;
        for (Arrivals p : phones) {
            for (int q = 0; q < questions; q++) {
                if (!p.seen("score", q)) {
                    missing++;
                }
            }
        }
        return missing;
    }

    /** Closes by the timer: how late the host heard of the close after `closesAt` (same clock). */
    List<Long> timeUpLateness() {
        List<Long> out = new ArrayList<>();
        forEachClose("time-up", (h, q) -> {
            if (h.closesAt.containsKey(q)) {
                out.add(h.at("closed", q) - h.closesAt.get(q));
            }
        });
        return out;
    }

    /**
     * Closes because everyone answered: how long after the last phone's "locked in" the host heard of the close (same
     * clock). The server closes once it holds every decision, which its pushes of "locked in" may trail, so a
     * value can be below zero.
     */
    List<Long> earlyCloseAfterLastLockedIn() {
        List<Long> out = new ArrayList<>();
        forEachClose("all-answered", (h, q) -> {
            long last = -1;
            for (Arrivals p : phones) {
                last = Math.max(last, p.at("answer-accepted", q));
            }
            if (last > 0) {
                out.add(h.at("closed", q) - last);
            }
        });
        return out;
    }

    /** Each question whose close the host heard of, with that close reason. */
    private void forEachClose(String reason, java.util.function.ObjIntConsumer<Arrivals> close) {
        Arrivals h = host;
        if (h == null) {
            return;
        }
        for (int q = 0; q < questions; q++) {
            if (reason.equals(h.closeReason.get(q)) && h.seen("closed", q)) {
                close.accept(h, q);
            }
        }
    }

    /** Each phone's podium after the host ended the game. */
    List<Long> podiumAfterEnd() {
        List<Long> out = new ArrayList<>();
        if (endAt < 0) {
            return out;
        }
        for (Arrivals p : phones) {
            long at = p.at("podium", -1);
            if (at >= 0) {
                out.add(at - endAt);
            }
        }
        return out;
    }

    long kickedPhones() {
        return phones.stream().filter(p -> p.kicked != null).count();
    }

    static long p(List<Long> values, double q) {
        return Load.percentile(Load.sorted(values), q);
    }
}
